"""scikit-learn's defaults on exactly the platform's split, next to the platform's default experiments.

    quality_sklearn.py PLATFORM_OUTPUT

Reads the lines QualityBench printed ("split TABLE DIR CLASSIFICATION", "quality platform ..."), trains on each split's
train.csv (the rows the platform's optimiser sees; its validation rows only pick the platform's best epoch),
StandardScaler (and OneHotEncoder(handle_unknown="ignore") for text columns) + LogisticRegression / MLPClassifier or
Ridge / MLPRegressor with their defaults (random_state 0, or $QUALITY_SEED in a what-if run),
scores test.csv, and prints the side-by-side table with the differences and the issue's targets (within 2 points of
accuracy and F1, within 5 % of RMSE)."""
import os
import sys
import time
import warnings

import csv

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, f1_score, mean_squared_error
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)
SEED = int(os.environ.get("QUALITY_SEED", "0"))
REFERENCE = {"softmax-regression": ("LogisticRegression", LogisticRegression), "mlp": ("MLPClassifier", MLPClassifier),
             "linear-regression": ("Ridge", Ridge), "mlp-regressor": ("MLPRegressor", MLPRegressor),
             "gradient-boosting": ("HistGradientBoosting", None)}


def number(value):
    try:
        float(value)
        return True
    except ValueError:
        return False


def read(path):
    """Features (numbers as floats, texts as they are), the target texts, and the indices of the text columns."""
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], [r for r in rows[1:] if r]
    texts = [c for c in range(len(header) - 1) if not all(number(r[c]) for r in rows)]
    x = np.array([[v if c in texts else float(v) for c, v in enumerate(r[:-1])] for r in rows], dtype=object)
    return x, np.array([r[-1] for r in rows]), texts


def preprocessing(width, texts):
    numbers = [c for c in range(width) if c not in texts]
    if not texts:
        return StandardScaler()
    return ColumnTransformer([("numbers", StandardScaler(), numbers), ("categories", OneHotEncoder(handle_unknown="ignore"), texts)])


splits, platform = {}, []
for line in open(sys.argv[1]):
    f = line.split()
    if f and f[0] == "split":
        splits[f[1]] = (f[2], f[3] == "true")
    elif len(f) >= 11 and f[:2] == ["quality", "platform"]:
        platform.append(f)

print(f"{'table':<14}{'model':<20}{'rows':>6}  {'platform':>17}  {'scikit-learn':>17}  {'difference':>16}  {'epochs':>9}  target")
met, total = 0, 0
for f in platform:
    table, model = f[2], f[3]
    if model not in REFERENCE:
        continue
    directory, classification = splits[table]
    x, y, texts = read(f"{directory}/train.csv")
    xt, yt, _ = read(f"{directory}/test.csv")
    name, estimator = REFERENCE[model]
    if estimator is None:
        # trees take the numbers as they are; the text columns one-hot, as the platform's trees get them
        estimator = HistGradientBoostingClassifier if classification else HistGradientBoostingRegressor
        steps = [ColumnTransformer([("categories", OneHotEncoder(handle_unknown="ignore", sparse_output=False), texts)], remainder="passthrough")] \
            if texts else []
        pipe = make_pipeline(*steps, estimator(random_state=SEED))
    else:
        pipe = make_pipeline(preprocessing(x.shape[1], texts), estimator(random_state=SEED) if name != "Ridge" else estimator())
    start = time.perf_counter()
    if classification:
        pipe.fit(x, y)
        p = pipe.predict(xt)
        acc, f1 = accuracy_score(yt, p), f1_score(yt, p, average="macro")
        ours_acc, ours_f1 = float(f[4]), float(f[5])
        ok = ours_acc >= acc - 0.02 and ours_f1 >= f1 - 0.02
        print(f"{table:<14}{model:<20}{len(x):>6}  acc {ours_acc:.4f} F1 {ours_f1:.4f}  acc {acc:.4f} F1 {f1:.4f}  "
              f"{(ours_acc - acc) * 100:+6.1f} {(ours_f1 - f1) * 100:+6.1f} pt  {f[8]:>4}/{f[9]:<4}  {'met' if ok else 'NOT met'}"
              f"  ({name}, {time.perf_counter() - start:.2f} s; platform {float(f[7]):.2f} s)")
    else:
        pipe.fit(x, y.astype(float))
        rmse = mean_squared_error(yt.astype(float), pipe.predict(xt)) ** 0.5
        ours = float(f[6])
        ok = ours <= rmse * 1.05
        print(f"{table:<14}{model:<20}{len(x):>6}  RMSE {ours:>12.3f}  RMSE {rmse:>12.3f}  {(ours / rmse - 1) * 100:+13.1f} %  "
              f"{f[8]:>4}/{f[9]:<4}  {'met' if ok else 'NOT met'}  ({name}, {time.perf_counter() - start:.2f} s; platform {float(f[7]):.2f} s)")
    met += ok
    total += 1
print(f"targets met: {met} of {total} (epochs: trained/best; the platform's times include its validation every epoch)")
