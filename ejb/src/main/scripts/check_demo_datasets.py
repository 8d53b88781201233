#!/usr/bin/python3
"""Check the demo CSVs: parse with the csv module, same field count on every
row, no empty field, no NaN/inf, numeric feature columns numeric, size under
1 MB; print rows, size, sha256 and the class counts of the label column.
Exit status 1 if a check fails.

Usage: /usr/bin/python3 check_demo_datasets.py [DEMO_DIR]
"""
import collections
import csv
import hashlib
import math
import os
import sys

DEMO = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                    "..", "resources", "demo")
# file -> (label column, label is categorical, columns that must be numeric)
FILES = {
    "wine.csv": ("cultivar", True, "all-but-label"),
    "diabetes.csv": ("progression", False, "all"),
    "debian-packages.csv": ("section", True, ()),
}
MAX_BYTES = 1_000_000


def check(path, label, categorical, numeric):
    errors = []
    raw = open(path, "rb").read()
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    if numeric == "all":
        numeric = header
    elif numeric == "all-but-label":
        numeric = [c for c in header if c != label]
    num_idx = [header.index(c) for c in numeric]
    for n, r in enumerate(body, start=2):
        if len(r) != len(header):
            errors.append("line %d: %d fields" % (n, len(r)))
            continue
        for i, v in enumerate(r):
            if v.strip() == "":
                errors.append("line %d: empty %s" % (n, header[i]))
            if v.strip().lower() in ("nan", "na", "null", "none", "inf", "-inf"):
                errors.append("line %d: %s is %r" % (n, header[i], v))
        for i in num_idx:
            try:
                if not math.isfinite(float(r[i])):
                    errors.append("line %d: %s not finite" % (n, header[i]))
            except ValueError:
                errors.append("line %d: %s not numeric: %r" % (n, header[i], r[i]))
    if len(raw) >= MAX_BYTES:
        errors.append("size %d >= %d" % (len(raw), MAX_BYTES))
    if not raw.endswith(b"\n") or b"\r" in raw:
        errors.append("line endings are not plain \\n")
    print("%s: %d rows x %d columns, %d bytes, sha256 %s"
          % (os.path.basename(path), len(body), len(header), len(raw),
             hashlib.sha256(raw).hexdigest()))
    li = header.index(label)
    if categorical:
        counts = collections.Counter(r[li] for r in body)
        for k in sorted(counts):
            print("    %-12s %5d" % (k, counts[k]))
    else:
        ys = [float(r[li]) for r in body]
        print("    %s: min %g, max %g, mean %.2f"
              % (label, min(ys), max(ys), sum(ys) / len(ys)))
    if len(set(tuple(r) for r in body)) != len(body):
        print("    note: duplicate rows present")
    for e in errors[:20]:
        print("    ERROR " + e)
    return not errors


def main():
    demo = sys.argv[1] if len(sys.argv) > 1 else DEMO
    ok = True
    for name, (label, categorical, numeric) in FILES.items():
        ok &= check(os.path.join(demo, name), label, categorical, numeric)
    print("OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
