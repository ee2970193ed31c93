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
