"""Writes the real public tables that Debian's python3-sklearn ships as CSV files for the platform to import.

    quality_tables.py OUTDIR

One file per table, the target in the last column: wine (3 cultivars), breast_cancer (malignant or benign), iris
(3 species), digits (8x8 images as 64 pixel columns, 10 digits) and diabetes (disease progression, regression). The
values are those of sklearn.datasets.load_* (diabetes unscaled, scaled=False, as the demo's diabetes.csv)."""
import csv
import os
import sys

from sklearn import datasets

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
tables = {
    "wine": (datasets.load_wine(), "cultivar", True),
    "breast_cancer": (datasets.load_breast_cancer(), "diagnosis", True),
    "iris": (datasets.load_iris(), "species", True),
    "digits": (datasets.load_digits(), "digit", True),
    "diabetes": (datasets.load_diabetes(scaled=False), "progression", False),
}
for name, (data, target, classes) in tables.items():
    features = [str(f).replace(" ", "_") for f in getattr(data, "feature_names", [])] or [f"x{i}" for i in range(data.data.shape[1])]
    with open(os.path.join(out, name + ".csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(features + [target])
        for row, y in zip(data.data, data.target):
            label = data.target_names[y] if classes and hasattr(data, "target_names") and len(data.target_names) else y
            w.writerow([repr(float(v)) for v in row] + [str(label)])
    print(f"table {name} {data.data.shape[0]} rows {data.data.shape[1]} features", file=sys.stderr)
