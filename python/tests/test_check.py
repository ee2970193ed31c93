"""check(): verdicts and report JSON equal `reserve check --json` for the same inputs; the sample
case fails the rules it was built to fail (data/expected.json)."""
import json

import pytest

import libreserve as lr


def _strip_run_specific(report):
    report = json.loads(json.dumps(report))
    for key in ("generated_utc", "command_line"):
        report["audit"].pop(key, None)
    return report


def test_check_json_equals_the_cli(sample, run_cli, tmp_path):
    code, cli, err = run_cli("check", "--before", sample["baseline"], "--after",
                             sample["proposal"], "--json", "--no-reports")
    assert code == 1, err  # a rule fails
    result = lr.check(sample["baseline"], sample["proposal"])
    assert _strip_run_specific(result.to_dict()) == _strip_run_specific(cli)
    assert result.overall == cli["overall"] == "fail"


def test_sample_case_fails_no_slimming_and_share(sample):
    exp = sample["expected"]
    result = lr.check(lr.load_zoning(sample["baseline"]), lr.load_zoning(sample["proposal"]))
    status = {v.rule_id: v.status for v in result.rules}
    assert status["no-slimming"] == exp["rules_expected"]["no_slimming"] == "fail"
    assert status["core-buffer-share"] == exp["rules_expected"]["no_ratio_reduction"] == "fail"
    # Measured values are the geodesic totals of expected.json (pyproj Geod, 1e-9 relative).
    v = result.verdict("no-slimming")
    assert v.measured["total_before_m2"] == pytest.approx(
        exp["baseline"]["total"]["geodesic_m2"], rel=1e-9)
    assert v.measured["total_after_m2"] == pytest.approx(
        exp["proposal"]["total"]["geodesic_m2"], rel=1e-9)
    assert v.units["total_before_m2"] == "m2"
    frame = result.verdicts()
    assert frame.set_index("rule").loc["no-slimming", "status"] == "fail"
    assert result.zone_areas().set_index("zone").loc["core", "after_m2"] == pytest.approx(
        exp["proposal"]["zones"]["core"]["geodesic_m2"], rel=1e-9)
    evidence = result.evidence()
    removed = evidence[(evidence.rule == "no-slimming") & (evidence.kind == "removed")]
    assert removed.crs.to_epsg() == 4544 and len(removed) > 0
    with pytest.raises(lr.UsageError, match="no-slimming"):
        result.verdict("no-such-rule")


def test_check_display_and_reports(sample, tmp_path):
    result = lr.check(sample["baseline"], sample["proposal"], area_method="planar",
                      title="青岚山")
    html = result._repr_html_()
    assert "no-slimming" in html and "fail" in html and "青岚山" in html
    assert "planar" in result.to_dict()["audit"]["area_method"]
    paths = result.write(str(tmp_path / "out"), formats="json,md")
    assert sorted(p.rsplit("/", 1)[-1] for p in paths) == ["report.json", "report.md"]
    with open(tmp_path / "out" / "report.json", encoding="utf-8") as f:
        assert json.load(f)["overall"] == "fail"
    assert "no-slimming" in result.to_markdown()
    assert result.to_html().lstrip().lower().startswith("<!doctype html")


def test_a_passing_proposal_passes(baseline_gpkg):
    result = lr.check(baseline_gpkg, baseline_gpkg)
    assert {v.rule_id: v.status for v in result.rules}["no-slimming"] == "pass"
    assert result.overall in ("pass", "warn")  # warn: a rule without conflict layers


def test_profiles_and_bad_profile():
    assert "three-no" in lr.profiles()
    p = lr.load_profile("three-no")
    assert p.name == "three-no" and "no-slimming" in p.rules
    with pytest.raises(lr.UsageError, match="three-no"):
        lr.load_profile("no-such-profile")


def test_check_accepts_geodataframes():
    from conftest import nested_zones, proposal_zones

    result = lr.check(nested_zones(), proposal_zones(), area_method="planar")
    v = result.verdict("no-slimming")
    # By hand: 25 ha before, 22.5 ha after (planar).
    assert v.measured["total_before_m2"] == pytest.approx(250000.0, abs=1e-6)
    assert v.measured["total_after_m2"] == pytest.approx(225000.0, abs=1e-6)
    assert v.status == "fail"


def test_check_with_conflicts_equals_the_cli(sample, run_cli, tmp_path):
    args = ["--mining", sample["mining"], "--facilities", sample["facilities"]]
    code, cli, err = run_cli("check", "--before", sample["baseline"], "--after",
                             sample["proposal"], *args, "--json", "--no-reports")
    assert code == 1, err
    result = lr.check(sample["baseline"], sample["proposal"], mining=sample["mining"],
                      facilities=sample["facilities"])
    ours = _strip_run_specific(result.to_dict())
    cli = _strip_run_specific(cli)
    # The CLI adds the overlay/ledger as a report extension (CLI code); everything the rules
    # produce is the same.
    for key in ("verdicts", "comparison", "overall", "counts", "validation", "audit"):
        assert ours[key] == cli[key], key
    assert result.verdict("no-adjusting-instead-of-rectifying").status == "fail"


def test_check_with_conflicts_to_dict_equals_the_cli_including_extensions(sample, run_cli):
    # Both faces call the library's make_check_conflicts / conflicts_section (reserve/check.hpp),
    # so the whole report, the "conflicts" extension (overlay and ledger) included, is the same.
    code, cli, err = run_cli("check", "--before", sample["baseline"], "--after",
                             sample["proposal"], "--mining", sample["mining"], "--facilities",
                             sample["facilities"], "--json", "--no-reports")
    assert code == 1, err
    result = lr.check(sample["baseline"], sample["proposal"], mining=sample["mining"],
                      facilities=sample["facilities"])
    ours = _strip_run_specific(result.to_dict())
    assert "conflicts" in cli["extensions"]
    assert ours == _strip_run_specific(cli)


def test_ledger_of_a_check_equals_the_cli_check_ledger(sample, run_cli, tmp_path):
    import csv

    out = tmp_path / "out"
    code, _, err = run_cli("check", "--before", sample["baseline"], "--after",
                           sample["proposal"], "--mining", sample["mining"], "--facilities",
                           sample["facilities"], "--format", "json", "--out", out)
    assert code == 1, err
    result = lr.check(sample["baseline"], sample["proposal"], mining=sample["mining"],
                      facilities=sample["facilities"])
    with open(out / "ledger.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1:] == lr.ledger(result).cells()


def test_survey_areas_and_the_targeting_p_value(sample, run_cli):
    # area_method="survey" (图斑椭球面积): the sample's edges are short, so its totals equal the
    # geodesic ones of expected.json (pyproj Geod) to 0.01 m² (tests/geom/survey_area_reference.py
    # gives survey − geodesic = −0.0014 m² on the baseline total).
    exp = sample["expected"]
    result = lr.check(sample["baseline"], sample["proposal"], area_method="survey",
                      mining=sample["mining"], facilities=sample["facilities"])
    assert result.to_dict()["audit"]["area_method"] == "survey"
    v = result.verdict("no-slimming")
    assert v.measured["total_before_m2"] == pytest.approx(
        exp["baseline"]["total"]["geodesic_m2"], abs=0.01)
    # The permutation test beside the targeting ratio: on the sample no random placement of the
    # removed and downgraded pieces takes in as much footprint, so p is its floor 1/(999 + 1).
    t = result.verdict("no-adjusting-instead-of-rectifying")
    assert t.measured["permutation_draws"] == 999 and t.units["permutation_draws"] == "count"
    assert t.measured["targeting_p_value"] == pytest.approx(0.001, abs=1e-12)
    assert t.units["targeting_p_value"] == "fraction"
    code, cli, err = run_cli("check", "--before", sample["baseline"], "--after",
                             sample["proposal"], "--mining", sample["mining"], "--facilities",
                             sample["facilities"], "--area-method", "survey", "--json",
                             "--no-reports")
    assert code == 1, err
    assert _strip_run_specific(result.to_dict())["verdicts"] == _strip_run_specific(cli)["verdicts"]
