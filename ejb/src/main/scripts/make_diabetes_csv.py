#!/usr/bin/python3
"""Write demo/diabetes.csv: the diabetes data of Efron, Hastie, Johnstone and
Tibshirani (2004), "Least Angle Regression" -- 442 patients, 10 baseline
variables and a quantitative measure of disease progression one year later.

Source: the raw, unscaled copy shipped by scikit-learn (Debian package
python3-sklearn):
  /usr/lib/python3/dist-packages/sklearn/datasets/data/diabetes_data_raw.csv.gz
      442 lines, 10 space-separated values:
      age sex bmi bp s1 s2 s3 s4 s5 s6
      (order as in sklearn.datasets.load_diabetes().feature_names)
  /usr/lib/python3/dist-packages/sklearn/datasets/data/diabetes_target.csv.gz
      442 lines, one value each (written like 1.510000000000000000e+02)

Feature values are copied verbatim; the target, which is integral, is written
as an integer. Output is byte-identical on every run. Standard library only.

Usage: /usr/bin/python3 make_diabetes_csv.py [--data FILE] [--target FILE] [--out FILE]
"""
import argparse
import csv
import gzip
import os
import sys

DATA_DIR = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
DEFAULT_DATA = os.path.join(DATA_DIR, "diabetes_data_raw.csv.gz")
DEFAULT_TARGET = os.path.join(DATA_DIR, "diabetes_target.csv.gz")
DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "..", "resources", "demo", "diabetes.csv")

FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
TARGET = "progression"


def read_lines(path):
    with gzip.open(path, "rt", encoding="ascii") as f:
        return [line.split() for line in f if line.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--target", default=DEFAULT_TARGET)
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()

    data = read_lines(args.data)
    target = read_lines(args.target)
    if len(data) != len(target):
        sys.exit("data has %d rows, target %d" % (len(data), len(target)))
    rows = []
    for i, (x, y) in enumerate(zip(data, target), start=1):
        if len(x) != len(FEATURES) or len(y) != 1:
            sys.exit("row %d: unexpected field count" % i)
        for v in x:
            float(v)  # must be numeric; raises otherwise
        t = float(y[0])
        t_text = str(int(t)) if t.is_integer() else repr(t)
        rows.append(x + [t_text])

    out = os.path.normpath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(FEATURES + [TARGET])
        w.writerows(rows)
    print("wrote %s: %d rows" % (out, len(rows)))


if __name__ == "__main__":
    main()
