#!/usr/bin/python3
"""Write demo/wine.csv: the UCI Wine recognition data (178 wines, 13 features,
3 cultivars) as a plain CSV with named columns.

Source: the copy shipped by scikit-learn (Debian package python3-sklearn) at
/usr/lib/python3/dist-packages/sklearn/datasets/data/wine_data.csv. Its first
line is "<n_samples>,<n_features>,<class name 0>,<class name 1>,..."; every
following line holds the 13 feature values and the integer class index (see
load_csv_data / load_wine in sklearn/datasets/_base.py).

Feature values are copied verbatim (no float round trip), so the output is
byte-identical on every run. Standard library only.

Usage: /usr/bin/python3 make_wine_csv.py [--source FILE] [--out FILE]
"""
import argparse
import csv
import os
import sys

DEFAULT_SOURCE = "/usr/lib/python3/dist-packages/sklearn/datasets/data/wine_data.csv"
DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "..", "resources", "demo", "wine.csv")

# Same names and order as sklearn.datasets.load_wine().feature_names; the one
# with a slash ("od280/od315_of_diluted_wines") is written with an underscore.
FEATURES = [
    "alcohol",
    "malic_acid",
    "ash",
    "alcalinity_of_ash",
    "magnesium",
    "total_phenols",
    "flavanoids",
    "nonflavanoid_phenols",
    "proanthocyanins",
    "color_intensity",
    "hue",
    "od280_od315_of_diluted_wines",
    "proline",
]
LABEL = "cultivar"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", default=DEFAULT_SOURCE)
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()

    with open(args.source, newline="", encoding="ascii") as f:
        reader = csv.reader(f)
        head = next(reader)
        n_samples, n_features = int(head[0]), int(head[1])
        class_names = head[2:]
        if n_features != len(FEATURES):
            sys.exit("expected %d features, header says %d" % (len(FEATURES), n_features))
        rows = []
        for lineno, rec in enumerate(reader, start=2):
            if not rec:
                continue
            if len(rec) != n_features + 1:
                sys.exit("line %d: %d fields, expected %d" % (lineno, len(rec), n_features + 1))
            values = [v.strip() for v in rec[:-1]]
            for v in values:
                float(v)  # must be numeric; raises otherwise
            rows.append(values + [class_names[int(rec[-1])]])
    if len(rows) != n_samples:
        sys.exit("header says %d samples, read %d" % (n_samples, len(rows)))

    out = os.path.normpath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(FEATURES + [LABEL])
        w.writerows(rows)
    print("wrote %s: %d rows" % (out, len(rows)))


if __name__ == "__main__":
    main()
