#!/usr/bin/python3
"""libreserve_quantities.province_reserves reads province.json a value at a time: it must yield
what json.loads gives, whatever the chunk size cuts through (numbers, strings with brackets,
escapes, keys that look like "reserves"). Run by CTest (bench_quantities_stream)."""
import json
import random
import sys
from pathlib import Path
import tempfile

sys.path.insert(0, str(Path(__file__).resolve().parent))
import libreserve_quantities as q  # noqa: E402


def document(rng):
    reserves = []
    for i in range(7):
        reserves.append({
            "reserve": f"R{i:04d} \"保护区\" ]}}, [{{",
            "match": rng.choice(["same", "renamed", "merged"]),
            "report": None if i == 3 else {
                "comparison": {"matrix": {"cells": [
                    {"from": "core", "to": "buffer", "area_m2": rng.uniform(0, 1e9)}
                    for _ in range(rng.randint(0, 30))]}},
                "n": 1234567890123456789 * (i + 1),
                "x": -1.5e-300, "flag": True, "none": None, "text": "\\u4e2d\n\t\"",
            },
            "error": None if i != 3 else "no zones",
        })
    # "reserves" appears as a string value before the array and as a key in a nested object.
    return {"title": "\"reserves\": [", "summary": {"reserves": 12, "ratio": 0.123456789},
            "n_before": 10, "reserves": reserves, "after": [1, 2.5e10, "x"], "last": 987654321}


def main():
    rng = random.Random(20261130)
    doc = document(rng)
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    expected = doc["reserves"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "province.json"
        path.write_text(text, encoding="utf-8")
        for chunk in list(range(1, 40)) + [97, 1000, 1 << 24]:
            q._CHUNK = chunk
            got = list(q.province_reserves(path))
            if got != expected:
                raise SystemExit(f"chunk {chunk}: {len(got)} reserves differ from json.loads")
        # A compact text (no blanks) too.
        path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")
        for chunk in (1, 2, 3, 5, 8, 13):
            q._CHUNK = chunk
            if list(q.province_reserves(path)) != expected:
                raise SystemExit(f"compact, chunk {chunk}: differs from json.loads")
    print("province_reserves: equal to json.loads for every chunk size")


if __name__ == "__main__":
    main()
