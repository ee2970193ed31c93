"""libreserve.suggest: the library's suggest() on the sample case — a suggestion whose re-check
passes the rules it set out to restore, and the files it writes (read back with GeoPandas)."""
import os

import geopandas as gpd
import libreserve as lr

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "data")


def _data(name):
    return os.path.join(DATA, name)


def test_suggest_sample_round_trip(tmp_path):
    r = lr.suggest(_data("baseline.gpkg"), _data("proposal.gpkg"), _data("candidates.gpkg"),
                   mining=_data("mining_rights.gpkg"))
    assert r.status == "solved"
    assert set(r.targets) == {"no-slimming", "core-buffer-share"}
    d = r.to_dict()
    for rule in ("no-slimming", "core-buffer-share"):
        assert d["recheck"][rule] in ("pass", "warn"), rule
    written = r.write(str(tmp_path), map=False)
    assert any(p.endswith("proposal_suggested.gpkg") for p in written)
    # The written proposal is a zoning the check reads as it is, and it passes the same rules.
    again = lr.check(_data("baseline.gpkg"), str(tmp_path / "proposal_suggested.gpkg"))
    frame = again.verdicts()
    for rule in ("no-slimming", "core-buffer-share"):
        status = frame.loc[frame["rule"] == rule, "status"].iloc[0]
        assert status in ("pass", "warn"), rule
    parcels = gpd.read_file(tmp_path / "suggestion.gpkg", layer="suggestion")
    assert len(parcels) == len(r.parcels)
    # Added area in the file agrees with the result (the same geodesic areas), 0.01 m².
    added = sum(p["area_m2"] for p in r.parcels if p["action"] == "add")
    assert abs(parcels.loc[parcels["action"] == "add", "area_m2"].sum() - added) < 0.01
