#!/usr/bin/python3
"""Golden values for org.mlarena.statistics, computed by pandas and numpy themselves.

Produced with: pandas 1.5.3 (Debian python3-pandas 1.5.3+dfsg-2), numpy 1.24.2, Python 3.11 (Debian 12).
Re-run with Debian's interpreter, from the repository root:

    apt-get install -y python3-pandas
    /usr/bin/python3 ejb/src/test/python/make_statistics_golden.py

It writes ejb/src/test/resources/statistics/golden-statistics.json: the inputs (seeded numpy; NaN stored as
null) and what pandas/numpy return for them:
  columns      per column: Series.describe() (count, mean, std, min, 25%, 50%, 75%, max), Series.skew(),
               and numpy.histogram(values without NaN, bins) for each bin count in "bins";
  correlation  df.dropna().corr("pearson") and df.dropna().corr("spearman") (listwise deletion, as
               CorrelationMatrix), with the number of rows used;
  classes      value_counts() and value_counts(normalize=True) of a label column, every class listed;
  images       float32 images: images.astype(float64).mean() and .std() (ddof 0), the mean image per class.
Statistics that pandas leaves undefined (NaN) are stored as null.
"""
import json
import math
import os

import numpy as np
import pandas as pd

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "statistics", "golden-statistics.json")
BINS = [1, 3, 10]


def num(v):
    v = float(v)
    return None if math.isnan(v) else v


def nums(values):
    return [num(v) for v in values]


def column_case(name, values):
    s = pd.Series(values, dtype="float64")
    d = s.describe()
    present = s.dropna().to_numpy()
    hist = {}
    for b in BINS:
        counts, edges = np.histogram(present, bins=b)
        hist[str(b)] = {"edges": nums(edges), "counts": [int(c) for c in counts]}
    return {
        "name": name,
        "values": nums(values),
        "count": int(d["count"]),
        "missing": int(s.isna().sum()),
        "mean": num(d["mean"]),
        "std": num(d["std"]),
        "min": num(d["min"]),
        "q25": num(d["25%"]),
        "median": num(d["50%"]),
        "q75": num(d["75%"]),
        "max": num(d["max"]),
        "skew": num(s.skew()),
        "histograms": hist,
    }


def main():
    rng = np.random.default_rng(20261128)
    n = 60
    a = rng.normal(10.0, 3.0, n)
    b = rng.exponential(2.0, n)              # right-skewed
    c = rng.integers(0, 6, n).astype(float)  # many ties, for Spearman's average ranks
    d = 2.0 * a - 0.5 * b + rng.normal(0, 1.0, n)
    a[[3, 17]] = np.nan
    b[[17, 40, 41]] = np.nan
    d[[55]] = np.nan
    df = pd.DataFrame({"a": a, "b": b, "c": c, "d": d})

    columns = [column_case(k, df[k].to_numpy()) for k in df.columns]
    # edge cases: constant, two values, values on bin edges, a negative and tiny-scale column
    columns.append(column_case("constant", np.array([3.0, 3.0, 3.0, 3.0])))
    columns.append(column_case("two", np.array([1.0, np.nan, 4.0])))
    columns.append(column_case("edges", np.array([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0])))
    columns.append(column_case("small", rng.normal(-1e-3, 1e-4, 25)))

    complete = df.dropna()
    correlation = {
        "columns": list(df.columns),
        "rows": int(len(complete)),
        "dropped": int(len(df) - len(complete)),
        "pearson": [nums(r) for r in complete.corr(method="pearson").to_numpy()],
        "spearman": [nums(r) for r in complete.corr(method="spearman").to_numpy()],
    }

    k = 4
    labels = rng.choice(k - 1, size=37, p=[0.5, 0.3, 0.2])  # class 3 never occurs
    vc = pd.Series(labels).value_counts()
    vcn = pd.Series(labels).value_counts(normalize=True)
    classes = {
        "labels": [int(x) for x in labels],
        "classes": k,
        "counts": [int(vc.get(i, 0)) for i in range(k)],
        "shares": [float(vcn.get(i, 0.0)) for i in range(k)],
    }

    h, w, m = 4, 5, 12
    images = rng.random((m, h, w), dtype=np.float32) * np.float32(255)
    image_labels = np.array([0, 1, 2, 0, 1, 2, 0, 0, 1, 2, 2, 2])
    x = images.astype(np.float64)
    image_case = {
        "height": h,
        "width": w,
        "classes": 3,
        "labels": [int(v) for v in image_labels],
        "pixels": [float(v) for v in images.reshape(-1)],
        "mean": float(x.mean()),
        "std": float(x.std()),
        "meanImages": [[float(v) for v in x[image_labels == c].mean(axis=0).reshape(-1)] for c in range(3)],
    }

    fixture = {
        "generator": "make_statistics_golden.py, pandas %s, numpy %s" % (pd.__version__, np.__version__),
        "bins": BINS,
        "columns": columns,
        "correlation": correlation,
        "classes": classes,
        "images": image_case,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
