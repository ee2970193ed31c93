#!/usr/bin/python3
"""Compares two `reserve check` JSON reports of one reserve — one run with the province-wide
layers, one with the layers pre-clipped to the reserve's surroundings — and exits 1 when they
differ in anything but what must differ: the audit block (input file names and hashes), each
feature's source reference (file name, FID and row of the input, also inside its label and the
ledger's descriptions), each layer's path, row count and far count ("N of M used" — N must agree)
and the count of far features.

  /usr/bin/python3 bench/compare_reports.py FULL.json CLIPPED.json
"""
import json
import re
import sys

# "FID 201 (row 201 of mining), " — where a row sits in its input file, which differs by design.
ROW_REF = re.compile(r"FID [^ ]+ \(row \d+ of [^)]*\)(, )?")


def normalised(path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    report.pop("audit", None)
    conflicts = report.get("extensions", {}).get("conflicts")
    far = None
    if conflicts:
        far = conflicts.pop("far_features", None)
        for feature in conflicts.get("features", []):
            feature.pop("source", None)
            feature.pop("label", None)
        for layer in conflicts.get("layers", []):
            for key in ("path", "rows", "far"):
                layer.pop(key, None)
        for row in conflicts.get("ledger", []):
            for key, value in row.items():
                if isinstance(value, str):
                    row[key] = ROW_REF.sub("", value)
    for verdict in report.get("verdicts", []):
        for key in ("explanation_en", "explanation_zh"):
            text = verdict.get(key, "")
            # The "Inputs: … N of M used (F far …)" sentence names the files and their row counts.
            verdict[key] = text.split(" Inputs: ")[0]
    return report, far


def main():
    (full, far_full), (clip, far_clip) = normalised(sys.argv[1]), normalised(sys.argv[2])
    differing = sorted(k for k in set(full) | set(clip) if full.get(k) != clip.get(k))
    if differing and "extensions" in differing:
        a, b = full["extensions"].get("conflicts", {}), clip["extensions"].get("conflicts", {})
        differing += ["extensions.conflicts." + k for k in sorted(set(a) | set(b))
                      if a.get(k) != b.get(k)]
    for label, far in (("full", far_full), ("clipped", far_clip)):
        if far:
            print(f"  {label}: {far.get('text', far)}")
    if differing:
        print("  reports DIFFER in: " + ", ".join(differing))
        return 1
    print("  reports identical apart from the far-feature counts (and input names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
