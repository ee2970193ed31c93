import libreserve as lr


def test_version_is_the_library_version():
    assert lr.__version__.count(".") == 2


def test_zone_names_come_from_the_library():
    assert lr.chinese_name(lr.Zone.core) == "核心区"
    assert lr.chinese_name(lr.Zone.general_control) == "一般控制区"
