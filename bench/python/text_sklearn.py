"""scikit-learn's LogisticRegression on exactly the platform's bag-of-words vectors, next to the platform's text models.

    text_sklearn.py PLATFORM_OUTPUT

Reads the lines TextBench printed ("features BUCKETS SPLIT FILE", "text platform NAME BUCKETS SEED ACCURACY SECONDS
EPOCHS BEST"), trains LogisticRegression (C=1, its default; max_iter 1000 so that it converges) on each bucket count's
training rows, scores the test rows, and prints per model the median accuracy of the platform's seeds next to it."""
import statistics
import sys
import time

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression


def read(path, buckets):
    labels, rows, cols, values = [], [], [], []
    with open(path) as f:
        for r, line in enumerate(f):
            parts = line.split()
            labels.append(int(parts[0]))
            for item in parts[1:]:
                j, v = item.split(":")
                rows.append(r)
                cols.append(int(j))
                values.append(float(v))
    return csr_matrix((values, (rows, cols)), shape=(len(labels), buckets)), np.array(labels)


features, runs = {}, {}
for line in open(sys.argv[1]):
    f = line.split()
    if f[:1] == ["features"]:
        features[(int(f[1]), f[2])] = f[3]
    if f[:2] == ["text", "platform"]:
        runs.setdefault((f[2], int(f[3])), []).append((float(f[5]), float(f[6]), int(f[7])))
reference = {}
for buckets in sorted({b for b, _ in features}):
    x, y = read(features[(buckets, "train")], buckets)
    xt, yt = read(features[(buckets, "test")], buckets)
    start = time.perf_counter()
    model = LogisticRegression(max_iter=1000).fit(x, y)
    reference[buckets] = (float((model.predict(xt) == yt).mean()), time.perf_counter() - start)
    print(f"text sklearn LogisticRegression {buckets} accuracy {reference[buckets][0]:.4f} seconds {reference[buckets][1]:.2f}")
print(f"{'model':<22} {'buckets':>7} {'platform median':>15} {'min':>7} {'max':>7} {'s/run':>6} {'sklearn LR':>10} {'difference':>10}")
for (name, buckets), results in runs.items():
    accuracies = [a for a, _, _ in results]
    lr = reference[buckets][0]
    print(f"{name:<22} {buckets:>7} {statistics.median(accuracies):>15.4f} {min(accuracies):>7.4f} {max(accuracies):>7.4f} "
          f"{statistics.median([s for _, s, _ in results]):>6.1f} {lr:>10.4f} {statistics.median(accuracies) - lr:>+10.4f}")
