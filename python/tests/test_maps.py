"""render_map: PNG/SVG/PDF output, what was drawn, notebook display, and the same bytes as
`reserve map` for the same inputs."""
import struct
import xml.etree.ElementTree as ET

import pytest

import libreserve as lr


@pytest.fixture(scope="module")
def zonings(sample):
    return (lr.load_zoning(sample["baseline"], name="baseline"),
            lr.load_zoning(sample["proposal"], name="proposal"))


def png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_map_formats_and_page_size(zonings):
    m = lr.render_map(*zonings, dpi=100)
    width, height = png_size(m.png())
    # A4 landscape (297 × 210 mm) at 100 dpi: 1169 × 827 px (±1 px rounding).
    assert abs(width - 297 / 25.4 * 100) <= 1 and abs(height - 210 / 25.4 * 100) <= 1
    svg = m.svg()
    assert ET.fromstring(svg.encode("utf-8")).tag.endswith("svg")
    assert m.render("pdf")[:5] == b"%PDF-"
    assert m._repr_png_() == m.png() and m._repr_svg_() == svg
    with pytest.raises(lr.UsageError):
        m.render("gif")


def test_map_draws_zones_changes_and_conflicts(sample, zonings):
    m = lr.render_map(*zonings, mining=sample["mining"], facilities=sample["facilities"],
                      title="青岚山", dpi=72)
    s = m.summary()
    keys = {k for k, _ in s["legend"]}
    assert {"zone:core", "zone:buffer", "zone:experimental", "change:removed",
            "mining_right"} <= keys
    assert any(k.startswith("facility:") for k in keys)
    assert s["crs_note"] and s["scale_denominator"] > 0
    # The scale bar stands for the ground distance its page length gives at the map scale,
    # corrected by the point scale factor k (ground = grid / k), within 1 %.
    grid_m = s["scale_bar_length_pt"] / s["pt_per_unit"]
    assert s["scale_bar_ground_m"] == pytest.approx(grid_m / s["scale_factor"], rel=0.01)
    assert m.title == "青岚山" and len(m.feature_ids) > 0
    assert "mining rights" in repr(m)


def test_focus_map_and_bad_focus(zonings, sample):
    m = lr.render_map(zonings[0], mining=sample["mining"], dpi=72)
    fid = m.feature_ids[0]
    focused = lr.render_map(zonings[0], mining=sample["mining"], dpi=72, focus=fid)
    whole = m.summary()["extent"]
    zoom = focused.summary()["extent"]
    assert (zoom[2] - zoom[0]) < (whole[2] - whole[0])
    with pytest.raises(lr.UsageError):
        lr.render_map(zonings[0], focus="no-such-feature", dpi=72).png()


def test_map_equals_the_cli_png(sample, run_cli, tmp_path, zonings):
    out = tmp_path / "cli.png"
    code, _, err = run_cli("map", "--before", sample["baseline"], "--after", sample["proposal"],
                           "--mining", sample["mining"], "--format", "png", "--dpi", "72",
                           "--out", out)
    assert code == 0, err
    ours = lr.render_map(*zonings, mining=sample["mining"], dpi=72)
    assert ours.png() == out.read_bytes()


def test_check_result_map_and_save(sample, zonings, tmp_path):
    result = lr.check(*zonings, mining=sample["mining"])
    m = result.map(dpi=72)
    assert "mining_right" in {k for k, _ in m.summary()["legend"]}
    path = m.save(tmp_path / "map.pdf")
    assert open(path, "rb").read(5) == b"%PDF-"
    html = result._repr_html_()
    assert "data:image/png;base64," in html and "no-slimming" in html
    with pytest.raises(lr.UsageError):
        lr.render_map("baseline.gpkg")
    with pytest.raises(lr.UsageError):
        lr.render_map(zonings[0], page="B5")


def test_html_report_embeds_the_map(sample, zonings, tmp_path):
    result = lr.check(*zonings)
    plain = result.to_html()
    with_map = result.to_html(map=True)
    assert "data:image/png;base64," in with_map and len(with_map) > len(plain) + 10000
    paths = result.write(str(tmp_path), formats="html", map=True)
    assert "data:image/png;base64," in open(paths[0], encoding="utf-8").read()


def test_embedded_map_equals_the_cli_check_map(sample, run_cli, tmp_path, zonings):
    import base64
    import re

    out = tmp_path / "out"
    code, _, err = run_cli("check", "--before", sample["baseline"], "--after",
                           sample["proposal"], "--mining", sample["mining"], "--map",
                           tmp_path / "map.png", "--format", "html", "--out", out)
    assert code == 1, err
    result = lr.check(*zonings, mining=sample["mining"])
    html = result.to_html(map=True)
    embedded = re.search(r"data:image/png;base64,([A-Za-z0-9+/=]+)", html).group(1)
    assert base64.b64decode(embedded) == (tmp_path / "map.png").read_bytes()


# --- maps agree with the check (issue 9.2) ------------------------------------------------------

def _significant(comparison_json, kind):
    return sum(1 for p in comparison_json[kind]["pieces"] if not p["noise"])


def test_map_of_a_check_draws_the_checks_significant_pieces(sample):
    """The map of a check, and render_map(before, after) under the same profile, draw exactly the
    pieces the check counts as significant (noise by the profile's tolerances left out)."""
    import json
    result = lr.check(sample["baseline"], sample["proposal"])
    cmp = json.loads(result.to_json())["comparison"]
    expected = {k: _significant(cmp, k) for k in ("removed", "downgraded", "added")}
    for m in (lr.render_map(result, dpi=72),
              lr.render_map(result.before, result.after, profile="three-no", dpi=72)):
        drawn = m.summary()["changes_drawn"]
        got = {k: sum(1 for i in drawn if i.startswith(k + "-")) for k in expected}
        assert got == expected


def test_legend_lists_only_what_is_drawn_in_chinese(tmp_path, zonings):
    """A facility of category 'other' gets the style's 其他设施, never the id 'other'; change
    classes appear in the legend exactly when a piece of them is drawn."""
    import geopandas
    from shapely.geometry import Point
    before, after = zonings
    x, y = 564858.806, 3736151.533  # the sample's centre (data/README.md), EPSG:4544
    gdf = geopandas.GeoDataFrame({"名称": ["某设施"], "类别": ["其他"]},
                                 geometry=[Point(x, y)], crs="EPSG:4544")
    m = lr.render_map(before, after, facilities=gdf, dpi=72)
    s = m.summary()
    labels = dict(s["legend"])
    assert "other" not in labels.values() and "other" not in " ".join(labels.values())
    if "facility:other" in labels:
        assert labels["facility:other"] == "其他设施"
    drawn_kinds = {i.split("-")[0] for i in s["changes_drawn"]}
    legend_kinds = {k.split(":")[1] for k in labels if k.startswith("change:")}
    assert legend_kinds == drawn_kinds
    single = lr.render_map(before, dpi=72)
    assert not any(k.startswith("change:") for k, _ in single.summary()["legend"])
    assert single.title == "自然保护区功能分区图"
    assert m.title == "保护区功能区调整对比图"


def test_north_arrow_disc_covers_no_data(sample, zonings):
    """The disc, mapped back to map coordinates, intersects no zone and no mining right
    (Shapely on the layers' own geometries); on the sample a free corner exists."""
    from shapely.geometry import Point
    before, after = zonings
    m = lr.render_map(before, after, mining=sample["mining"], dpi=72)
    s = m.summary()
    x_pt, y_pt, r_pt, see_through = s["north_arrow"]
    assert not see_through
    ax, ay, _, _ = s["map_area_pt"]
    min_x, _, _, max_y = s["extent"]
    k = s["pt_per_unit"]
    disc = Point(min_x + (x_pt - ax) / k, max_y - (y_pt - ay) / k).buffer(r_pt / k)
    for z in (before, after):
        assert not z.to_geopandas().geometry.intersects(disc).any()
    mining = lr.load_features(sample["mining"], working_crs=before, category="mining_right")
    assert not mining.to_geopandas().geometry.intersects(disc).any()


def test_save_creates_the_folder(tmp_path, zonings):
    path = tmp_path / "new" / "folder" / "map.png"
    lr.render_map(zonings[0], dpi=36).save(path)
    assert path.exists() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_small_changes_stay_visible_at_province_scale(tmp_path):
    """A 400 m × 400 m removed piece at the edge of a 150 km × 100 km reserve is 0.6 mm on an A4
    page (scale about 1:700 000): it is drawn with a ring (radius 2 mm) in the removed colour
    (#e00000), so red pixels appear around it — hatching alone vanished at this scale."""
    import io

    import geopandas
    from PIL import Image
    from shapely.geometry import box

    x0, y0 = 430000.0, 3300000.0  # EPSG:4544
    outer = box(x0, y0, x0 + 150000, y0 + 100000)
    core = box(x0 + 50000, y0 + 30000, x0 + 100000, y0 + 70000)
    cut = box(x0 + 149600, y0 + 50000, x0 + 150000, y0 + 50400)
    base = geopandas.GeoDataFrame({"功能分区": ["核心区", "实验区"]},
                                  geometry=[core, outer.difference(core)], crs="EPSG:4544")
    prop = geopandas.GeoDataFrame({"功能分区": ["核心区", "实验区"]},
                                  geometry=[core, outer.difference(core).difference(cut)],
                                  crs="EPSG:4544")
    m = lr.render_map(lr.load_zoning(base), lr.load_zoning(prop), dpi=150)
    s = m.summary()
    assert s["changes_drawn"] == ["removed-1"]
    assert s["scale_denominator"] > 500000
    ax, ay, _, _ = s["map_area_pt"]
    min_x, _, _, max_y = s["extent"]
    k, px = s["pt_per_unit"], s["px_per_pt"]
    cx = (ax + (x0 + 149800 - min_x) * k) * px
    cy = (ay + (max_y - (y0 + 50200)) * k) * px
    img = Image.open(io.BytesIO(m.png())).convert("RGB")
    half = 3.0 / 25.4 * 150  # 3 mm in pixels
    red = 0
    for x in range(int(cx - half), int(cx + half) + 1):
        for y in range(int(cy - half), int(cy + half) + 1):
            r, g, b = img.getpixel((x, y))
            red += r > 180 and g < 90 and b < 90
    assert red >= 40, red
