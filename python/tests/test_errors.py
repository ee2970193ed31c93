"""The exception hierarchy mirrors reserve::Error kinds and keeps the library's messages."""
import pytest

import libreserve as lr
from libreserve import _core


def test_hierarchy_mirrors_error_kinds():
    assert issubclass(lr.InputError, lr.ReserveError) and issubclass(lr.InputError, ValueError)
    assert issubclass(lr.UsageError, lr.ReserveError) and issubclass(lr.UsageError, ValueError)
    assert issubclass(lr.InternalError, lr.ReserveError)
    assert issubclass(lr.InternalError, RuntimeError)
    assert not issubclass(lr.InputError, RuntimeError)


def test_input_error_from_the_library_keeps_message_and_location_attributes():
    with pytest.raises(lr.InputError) as info:
        _core.normalize_wkb(b"\x01\x03")
    err = info.value
    assert str(err) == "not valid WKB (2 bytes)"
    assert err.message == "not valid WKB (2 bytes)"
    assert err.file is None and err.layer is None and err.feature is None


def test_usage_error_for_a_bad_crs_says_what_to_do():
    with pytest.raises(lr.UsageError, match="give an EPSG code"):
        lr.Crs("no such crs")
    with pytest.raises(ValueError):  # catchable as ValueError too
        lr.Crs.from_epsg(-3)


def test_bad_area_method_is_a_usage_error():
    from shapely.geometry import box

    with pytest.raises(lr.UsageError):
        lr.area_m2(box(0, 0, 1, 1), "EPSG:4544", method="spherical")


def test_garbage_never_crashes_the_interpreter():
    # Random and truncated WKB (seeded): every call returns or raises a ReserveError.
    import random

    from shapely.geometry import Polygon

    rng = random.Random(20261128)
    good = Polygon([(0, 0), (1, 0), (1, 1)]).wkb
    samples = [bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 64))) for _ in range(200)]
    samples += [good[:n] for n in range(len(good))]
    samples += [good[:1] + b"\xff\xff\xff\x7f" + good[5:]]  # huge type code
    for wkb in samples:
        try:
            _core.normalize_wkb(wkb)
            lr.area_m2(wkb, "EPSG:4544", method="planar")
        except lr.ReserveError:
            pass


def test_wrong_types_raise_type_or_usage_errors():
    with pytest.raises(TypeError):
        _core.validate_zoning(None)
    with pytest.raises(TypeError):
        _core.Zoning()
    with pytest.raises(lr.UsageError):
        lr.area_m2(object(), "EPSG:4544")


def test_advice_names_the_keyword_arguments_not_the_cli_options():
    # The library's advice named `reserve`'s options (--zone-map, --allow-repair-area-change),
    # which a notebook user cannot pass; the keyword arguments have the same names, snake case.
    import geopandas
    from shapely.geometry import Polygon, box

    x, y = 500000, 3700000  # on the central meridian of EPSG:4544
    codes = geopandas.GeoDataFrame(
        {"分区": ["1", "2"]}, geometry=[box(x, y, x + 10, y + 10), box(x + 10, y, x + 20, y + 10)],
        crs=4544)
    with pytest.raises(lr.InputError) as info:
        lr.load_zoning(codes)
    text = str(info.value)
    assert "zone_map='1=ZONE,2=ZONE'" in text and "--" not in text, text
    assert "zone_map='1=ZONE,2=ZONE'" in info.value.message
    assert lr.load_zoning(codes, zone_map="1=core,2=buffer") is not None  # the advice works

    # A bow tie whose repair changes its area beyond the tolerance (0 m² signed → 50 m²).
    bow_tie = geopandas.GeoDataFrame(
        {"分区": ["核心区"]},
        geometry=[Polygon([(x, y), (x + 10, y + 10), (x + 10, y), (x, y + 10)])], crs=4544)
    with pytest.raises(lr.InputError) as info:
        lr.load_zoning(bow_tie)
    assert "allow_repair_area_change=True" in str(info.value), str(info.value)
    assert "--" not in str(info.value)
    repaired = lr.load_zoning(bow_tie, allow_repair_area_change=True)
    assert len(repaired.repairs) == 1

    # A message that already names both spellings is left as it is.
    a = geopandas.GeoDataFrame({"分区": ["核心区"]}, geometry=[box(x, y, x + 10, y + 10)],
                               crs=4544)
    b = a.to_crs(4490)
    with pytest.raises(lr.InputError) as info:
        lr.check(a, lr.load_zoning(b))
    assert "--working-crs" in str(info.value) and "working_crs=" in str(info.value)
