#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/<harness>/ from the repository's sample data and tests.

Run from anywhere: python3 fuzz/make_seeds.py. Seeds are small on purpose (libFuzzer grows the
corpus itself); re-running rewrites the seeds named here and leaves other files (regression
inputs added after a finding, named crash-* / regression-*) alone.
"""
import pathlib
import struct

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = HERE / "corpus"


def seed(harness, name, data):
    d = CORPUS / harness
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    (d / name).write_bytes(data)


def copy(harness, name, path):
    seed(harness, name, (ROOT / path).read_bytes())


# --- angles (decimal degrees and 度分秒) ------------------------------------------------------
for i, a in enumerate(["105.7", "-33.75", "105°42'30.5\"", "105度42分30.5秒", "105:42:30.5",
                       "东经105度42分30.5秒", "北纬33度45分", "33°45'00\"N", "W 105 42 30",
                       "1e3", "105°36'06.48\"", "１０５°４２′３０″"]):
    seed("fuzz_angle", f"angle{i:02d}", a)

# --- point tables (read_layer on a .csv) -------------------------------------------------------
copy("fuzz_csv_points", "facilities.csv", "data/facilities.csv")
copy("fuzz_csv_points", "monitoring.csv", "data/monitoring.csv")
copy("fuzz_csv_points", "wri_hydro.csv", "tests/corpus/data/wri_china_hydro_excerpt.csv")
copy("fuzz_csv_points", "gk_mines.csv", "tests/golden/cases/corner_cut/mines.csv")
copy("fuzz_csv_points", "points_hole.csv", "tests/golden/cases/reserve_with_hole/points.csv")
seed("fuzz_csv_points", "bom_quotes.csv",
     "\ufeff名称,经度,纬度,类型\n选矿厂,105.7,33.75,选矿\n\"尾矿库, 一号\",105.71,33.76,尾矿库\r\n")
seed("fuzz_csv_points", "dms_semicolon.csv",
     "id;lon;lat\na;105°42'30.5\";33°45'00\"\nb;东经105度42分30.5秒;北纬33度45分\nc;;33.7\n")
seed("fuzz_csv_points", "gbk.csv",
     "经度,纬度,名称\n105.7,33.75,核心区\n".encode("gbk"))
seed("fuzz_csv_points", "plane_xy.csv", "X,Y\n3736151.533,35564858.806\n3736200,35564900\n")
seed("fuzz_csv_points", "wkt.csv",
     "WKT,分区\n\"POLYGON ((500000 3700000, 500000 3701000, 501000 3701000, 501000 3700000, "
     "500000 3700000))\",核心区\n\"POLYGON ((bad))\",缓冲区\n")
seed("fuzz_csv_points", "tabs.tsv.csv", "name\tlon\tlat\nA\t105.6\t33.7\n")

# --- corner-point tables (拐点坐标) -------------------------------------------------------------
copy("fuzz_corner_points", "rights.csv", "data/mining_rights_corner_points.csv")
seed("fuzz_corner_points", "parts_rings.csv",
     "矿权编号,矿权名称,区块号,圈号,点号,X,Y\n"
     "C6200002009061120045117,青岚铅锌矿,1,1,1,3736000.00,35564000.00\n"
     "C6200002009061120045117,青岚铅锌矿,1,1,3,3737000.00,35565000.00\n"
     "C6200002009061120045117,青岚铅锌矿,1,1,2,3736000.00,35565000.00\n"
     "C6200002009061120045117,青岚铅锌矿,1,1,4,3737000.00,35564000.00\n"
     "T62520090302054321,石家沟金矿勘查,1,1,1,3740000.00,35570000.00\n"
     "T62520090302054321,石家沟金矿勘查,1,1,2,3740000.00,35571000.00\n"
     "T62520090302054321,石家沟金矿勘查,1,1,3,3741000.00,35571000.00\n"
     "T62520090302054321,石家沟金矿勘查,1,1,4,3741000.00,35570000.00\n"
     "T62520090302054321,石家沟金矿勘查,1,2,1,3740400.00,35570400.00\n"
     "T62520090302054321,石家沟金矿勘查,1,2,2,3740600.00,35570400.00\n"
     "T62520090302054321,石家沟金矿勘查,1,2,3,3740600.00,35570600.00\n"
     "T62520090302054321,石家沟金矿勘查,1,2,4,3740400.00,35570600.00\n"
     "T62520090302054321,石家沟金矿勘查,2,1,1,3742000.00,35570000.00\n"
     "T62520090302054321,石家沟金矿勘查,2,1,2,3742000.00,35570500.00\n"
     "T62520090302054321,石家沟金矿勘查,2,1,3,3742500.00,35570500.00\n")
seed("fuzz_corner_points", "whitespace.txt",
     "许可证号 点号 X Y\nC1 1 3736000.0 564000.0\nC1 2 3736000.0 565000.0\n"
     "C1 3 3737000.0 565000.0\n")
seed("fuzz_corner_points", "degrees.csv",
     "id,点号,经度,纬度\nE1,1,105°42',33°45'\nE1,2,105°48',33°45'\nE1,3,105°48',33°51'\n"
     "E2,1,105°00',33°00'\nE2,2,105°01',33°00'\n")

# --- TOML: profiles, map styles, required actions -------------------------------------------------
for p in sorted((ROOT / "libreserve/share/profiles").glob("*.toml")):
    copy("fuzz_profile", p.name, p.relative_to(ROOT))
copy("fuzz_map_style", "default.toml", "libreserve/share/styles/default.toml")
seed("fuzz_map_style", "small.toml",
     "[zones.core]\nfill = \"#c0392b\"\nfill_alpha = 0.5\n[labels]\nfont = \"Noto Sans CJK SC\"\n")
copy("fuzz_actions_toml", "required_actions.toml", "libreserve/share/standards/required_actions.toml")

# --- ledger tables --------------------------------------------------------------------------
copy("fuzz_assignments", "assignments.csv", "data/assignments.csv")
seed("fuzz_assignments", "assignments_gbk.csv",
     (ROOT / "data/assignments.csv").read_text(encoding="utf-8").encode("gb18030"))
copy("fuzz_standards", "water_limits.csv", "libreserve/share/standards/water_limits.csv")
seed("fuzz_standards", "override.csv",
     "standard,level,parameter,limit_mg_l,confirmed\nGB 3838-2002,I,镉,0.001,true\n")
copy("fuzz_monitoring", "monitoring.csv", "data/monitoring.csv")
seed("fuzz_monitoring", "dms_kind.csv",
     "点位编号,点位名称,类型,经度,纬度,采样日期,总镉(mg/L),Zn\n"
     "JC9,排污口,排放口,\"105°38'17.1\"\"\",\"33°46'47.1\"\"\",2025-06-12,0.5,2.0\n")

# --- text decoding ----------------------------------------------------------------------------
seed("fuzz_text_encoding", "utf8", "核心区 缓冲区 实验区")
seed("fuzz_text_encoding", "gbk", "核心区 缓冲区 实验区".encode("gbk"))
seed("fuzz_text_encoding", "gb18030", "𠀀 核心区".encode("gb18030"))
seed("fuzz_text_encoding", "bom", "\ufeff名称")
seed("fuzz_text_encoding", "mojibake", "核心区".encode("gbk").decode("latin-1"))
seed("fuzz_text_encoding", "kunjinkao", "锟斤拷锟斤拷")
seed("fuzz_text_encoding", "replacement", "a\ufffdb")
seed("fuzz_text_encoding", "name_cp936", "936")
seed("fuzz_text_encoding", "name_ansi", "ANSI 1252")
seed("fuzz_text_encoding", "broken", b"\xe6\xa0\x20\xc0\x80\xed\xa0\x80\xf4\x90\x80\x80")

# --- zone labels and categories ---------------------------------------------------------------
seed("fuzz_zone_labels", "chinese", "\n\n核心区\t甲\n缓冲区\t乙\n实验区\n")
seed("fuzz_zone_labels", "mapped", "1=core,2=buffer,3=experimental\n\n1\n2\t备注\n3\n")
seed("fuzz_zone_labels", "two_zone", "\n功能分区\n核心保护区\n一般控制区\n")
seed("fuzz_zone_labels", "unknown", "a=b\n\n核心区\nX区\n\n")
seed("fuzz_category_labels", "defaults", "\n采矿权\n尾矿库\n水电站\n选矿厂\n冶炼厂\nmining right\n")
seed("fuzz_category_labels", "mapped", "化工厂=industrial,砖厂=industrial\n化工厂\n某某砖厂\n")
seed("fuzz_category_labels", "bad", "x\n=\n")

# --- GeoJSON (small files of the golden cases) ---------------------------------------------------
for case in ["overlap_self/zoning.geojson", "reserve_with_hole/zoning.geojson",
             "invalid_rights_carved/mining_rights.geojson"]:
    copy("fuzz_geojson", case.replace("/", "_"), "tests/golden/cases/" + case)
seed("fuzz_geojson", "bowtie.geojson",
     '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"名称":"x"},'
     '"geometry":{"type":"Polygon","coordinates":[[[105.6,33.7],[105.7,33.8],[105.7,33.7],'
     '[105.6,33.8],[105.6,33.7]]]}}]}')

# --- WKB geometries (little- and big-endian, Z/M, curves, collections) ---------------------------


def ring(pts):
    return struct.pack("<I", len(pts)) + b"".join(struct.pack("<dd", x, y) for x, y in pts)


def polygon(rings):
    return struct.pack("<BII", 1, 3, len(rings)) + b"".join(ring(r) for r in rings)


square = [(500000, 3700000), (501000, 3700000), (501000, 3701000), (500000, 3701000),
          (500000, 3700000)]
hole = [(500200, 3700200), (500200, 3700400), (500400, 3700400), (500400, 3700200),
        (500200, 3700200)]
bowtie = [(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)]
seed("fuzz_wkb_geometry", "square", polygon([square]))
seed("fuzz_wkb_geometry", "square_hole", polygon([square, hole]))
seed("fuzz_wkb_geometry", "bowtie", polygon([bowtie]))
seed("fuzz_wkb_geometry", "multipolygon",
     struct.pack("<BII", 1, 6, 2) + polygon([square]) + polygon([bowtie]))
seed("fuzz_wkb_geometry", "polygon_z",
     struct.pack("<BII", 1, 1003, 1) + struct.pack("<I", 4) +
     b"".join(struct.pack("<ddd", x, y, 7.0) for x, y in [(0, 0), (1, 0), (1, 1), (0, 0)]))
seed("fuzz_wkb_geometry", "collection",
     struct.pack("<BII", 1, 7, 2) + polygon([square]) + struct.pack("<BIdd", 1, 1, 1.0, 2.0))
seed("fuzz_wkb_geometry", "big_endian",
     struct.pack(">BII", 0, 3, 1) + struct.pack(">I", 4) +
     b"".join(struct.pack(">dd", x, y) for x, y in [(0, 0), (1, 0), (1, 1), (0, 0)]))
# CURVEPOLYGON with one CIRCULARSTRING ring (linearised by the converter).
seed("fuzz_wkb_geometry", "curvepolygon",
     struct.pack("<BII", 1, 10, 1) + struct.pack("<BII", 1, 8, 3) +
     b"".join(struct.pack("<dd", x, y) for x, y in [(0, 0), (2, 0), (0, 0)]))

# --- shapefile .cpg line + .dbf ---------------------------------------------------------------
seed("fuzz_shapefile_dbf", "baseline_ldid", b"\n" + (ROOT / "data/baseline_gbk/zones.dbf").read_bytes())
seed("fuzz_shapefile_dbf", "gbk_ldid0",
     b"\n" + (ROOT / "tests/golden/cases/gbk_ldid0/zones.dbf").read_bytes())
seed("fuzz_shapefile_dbf", "cpg_cp936", b"CP936\n" + (HERE / "templates/squares.dbf").read_bytes())
seed("fuzz_shapefile_dbf", "cpg_utf8", b"UTF-8\n" + (HERE / "templates/squares.dbf").read_bytes())

# --- dictionaries (libFuzzer syntax: one "token" a line, bytes outside printable ASCII as \xNN) ----------


def dictionary(harness, header, tokens):
    lines = [f"# {header} (written by fuzz/make_seeds.py)"]
    for tok in dict.fromkeys(tokens):
        # libFuzzer accepts printable ASCII only: everything else (UTF-8 of 经度 too) as \xNN.
        s = "".join(chr(b) if 0x20 <= b < 0x7F and chr(b) not in '"\\' else f"\\x{b:02X}"
                    for b in tok.encode())
        lines.append(f'"{s}"')
    (HERE / "dict").mkdir(exist_ok=True)
    (HERE / "dict" / f"{harness}.dict").write_text("\n".join(lines) + "\n", encoding="utf-8")


def toml_keys(paths):
    import re
    keys = []
    for p in paths:
        for line in p.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\s*(\[\[?)?\s*([A-Za-z_][A-Za-z0-9_.]*)", line)
            if m:
                keys.append(m.group(2))
                if m.group(1):
                    keys.append(m.group(1) + m.group(2) + m.group(1).replace("[", "]"))
    return keys


TOML = ["=", "[", "]", "[[", "]]", "{", "}", '"', "'", '"""', "true", "false", "inf", "nan", "-inf",
        "1e308", "0x", "1979-05-27T07:32:00Z", ",", "#", "\n"]
SHARE = ROOT / "libreserve/share"
dictionary("fuzz_profile", "keys of the shipped profiles and TOML syntax",
           toml_keys(sorted((SHARE / "profiles").glob("*.toml"))) + TOML +
           ["no-slimming", "core-buffer-share", "no-adjusting", "three-zone", "two-zone",
            "geodesic", "planar"])
dictionary("fuzz_map_style", "keys of the shipped map style and TOML syntax",
           toml_keys([SHARE / "styles/default.toml"]) + TOML +
           ["#ff0000", "#ff000080", "circle", "square", "triangle", "A3", "A4"])
dictionary("fuzz_actions_toml", "keys and values of the required-actions table",
           toml_keys([SHARE / "standards/required_actions.toml"]) + TOML +
           ["core", "buffer", "experimental", "mining_right", "tailings_pond", "exit-and-restore",
            "close", "relocate", "treat-in-situ", "remediate-by-deadline",
            "allowed-with-conditions"])
COORDS = ["经度", "纬度", "lon", "lat", "X", "Y", "E", "N", "WKT", "°", "'", '"', "′", "″", "度", "分",
          "秒", "东经", "西经", "北纬", "南纬", "W", "S", ":", ",", ";", "\t", "|", "\r\n", "\n",
          "\ufeff", '""', "-", ".", "e", "1e308", "nan", "inf", "35564000.00", "3736000.00", "105.7",
          "33.75", "名称", "类别", "编号", "点号", "许可证号", "矿权编号", "区块号", "圈号", "POLYGON ((",
          "MULTIPOLYGON", "POINT (", ")", "采矿权", "尾矿库"]
dictionary("fuzz_csv_points", "columns, separators, numbers and angles of point tables", COORDS)
dictionary("fuzz_corner_points", "columns, separators and numbers of corner-point tables", COORDS)
dictionary("fuzz_monitoring", "monitoring-table columns and values",
           COORDS + ["点位编号", "采样日期", "类型", "排放口", "Cd", "Zn", "Pb", "As", "Hg", "Cu", "Cr6",
                     "镉", "锌", "(mg/L)", "<", "ND", "未检出"])
dictionary("fuzz_standards", "standards-table columns and values",
           ["standard", "level", "parameter", "parameter_zh", "limit_mg_l", "confirmed", "source",
            "note", "GB 3838-2002", "GB 25466-2010", "I", "V", "new", "true", "false", "Cd", "镉",
            ",", '"', "\n", "1e-308", "0", "-1"])
dictionary("fuzz_assignments", "assignments-table columns",
           ["编号", "整改目标", "整改时限", "责任单位", "责任领导", "责任人", "督办单位", "整改措施", ",", '"',
            '""', "\n", "\r\n", "\ufeff", "2026-06-30"])
dictionary("fuzz_geojson", "GeoJSON structure",
           ['{"type":"FeatureCollection","features":[',
            '{"type":"Feature","properties":{},"geometry":', '"Polygon"', '"MultiPolygon"',
            '"GeometryCollection"', '"Point"', '"coordinates":', "[[[", "]]]", "[", "]",
            '"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4544"}}', "null",
            "1e308", "-0", '"类别"', '"名称"', '"采矿权"'])
