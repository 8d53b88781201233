"""Writes the tables of the gradient-boosting benchmark as CSV files for the platform to import.

    trees_tables.py OUTDIR

wine (3 cultivars) and diabetes (regression) from Debian's python3-sklearn, randhie (20,190 rows of the RAND health
insurance experiment: outpatient visits, regression) from python3-statsmodels, and fashion (the first 25,000 training
images of dataset-fashion-mnist as 784 pixel columns, 10 classes; FASHION_MNIST_DIR names another copy of its files).
The target is the last column. Without scikit-learn (a GPU machine) only the tables from the other packages are written."""
import csv
import gzip
import os
import sys

import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def write(name, header, x, y):
    with open(os.path.join(out, name + ".csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for row, target in zip(x, y):
            w.writerow([repr(float(v)) if not float(v).is_integer() else str(int(v)) for v in row] + [str(target)])
    print(f"table {name} {len(y)} rows {len(header) - 1} features", file=sys.stderr)


try:
    from sklearn import datasets
    wine = datasets.load_wine()
    write("wine", [f.replace(" ", "_") for f in wine.feature_names] + ["cultivar"], wine.data, [wine.target_names[t] for t in wine.target])
    diabetes = datasets.load_diabetes(scaled=False)
    write("diabetes", list(diabetes.feature_names) + ["progression"], diabetes.data, diabetes.target)
except ImportError:
    pass
try:
    import statsmodels.datasets as sm
    with open(os.path.join(os.path.dirname(sm.__file__), "randhie", "randhie.csv")) as f:
        rows = list(csv.reader(f))
    header = rows[0][1:] + [rows[0][0]]
    write("randhie", header, [[float(v) for v in r[1:]] for r in rows[1:]], [r[0] for r in rows[1:]])
except ImportError:
    pass
fashion = os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")
images = os.path.join(fashion, "train-images-idx3-ubyte.gz")
if os.path.exists(images):
    with gzip.open(images) as f:
        pixels = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 784)[:25000]
    with gzip.open(os.path.join(fashion, "train-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8)[:25000]
    write("fashion", [f"p{i}" for i in range(784)] + ["item"], pixels, labels)
