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
