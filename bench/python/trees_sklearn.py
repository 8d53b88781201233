"""scikit-learn's HistGradientBoosting on exactly the platform's split, next to numerics.trees.

    trees_sklearn.py JAVA_OUTPUT

Reads the lines TreesBench printed ("split TABLE DIR CLASSIFICATION", "trees java|opencl ..."), fits
HistGradientBoostingClassifier / Regressor(early_stopping=False) (100 rounds, the defaults otherwise) on each split's
train.csv as many times as TreesBench ran it, with the OpenMP threads of OMP_NUM_THREADS, scores test.csv (accuracy, or
RMSE), and prints the side-by-side table: scores, the median fit seconds, and the ratios Java / scikit-learn and
OpenCL / scikit-learn (the histograms on the OpenCL device, when TreesBench had one)."""
import os
import statistics
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import accuracy_score, mean_squared_error


def read(path):
    data = np.genfromtxt(path, delimiter=",", skip_header=1, dtype=str)
    return data[:, :-1].astype(np.float32), data[:, -1]


splits, java, opencl = {}, {}, {}
for line in open(sys.argv[1]):
    f = line.split()
    if f and f[0] == "split":
        splits[f[1]] = (f[2], f[3] == "true")
    elif len(f) >= 7 and f[0] == "trees" and f[1] in ("java", "opencl"):
        (java if f[1] == "java" else opencl).setdefault((f[2], f[3]), []).append((float(f[4]), float(f[5]), int(f[6])))

threads = os.environ.get("OMP_NUM_THREADS", "all")
n = next((mode.split("-")[0] for (_, mode) in java if mode.endswith("-rounds")), "100")
print(f"{'table':<10}{'rows':>7}  {'java ' + n + ' rounds':>20}  {'sklearn ' + n + ' rounds':>20}  {'java/sklearn time':>17}"
      f"  {'opencl ' + n + ' rounds':>20}  {'opencl/sklearn':>14}  {'java early stopping':>24}")
for table, (directory, classification) in splits.items():
    x, y = read(f"{directory}/train.csv")
    xt, yt = read(f"{directory}/test.csv")
    rounds = next(mode for (t, mode) in java if t == table and mode.endswith("-rounds"))
    ours = java[(table, rounds)]
    times, score = [], None
    for _ in range(len(ours)):
        model = (HistGradientBoostingClassifier if classification else HistGradientBoostingRegressor)(
            early_stopping=False, random_state=0, max_iter=int(rounds.split("-")[0]))
        start = time.perf_counter()
        model.fit(x, y if classification else y.astype(float))
        times.append(time.perf_counter() - start)
        p = model.predict(xt)
        score = accuracy_score(yt, p) if classification else mean_squared_error(yt.astype(float), p) ** 0.5
    ours_time = statistics.median(t for _, t, _ in ours)
    early = java.get((table, "early-stopping"), [(float("nan"), float("nan"), 0)])[0]
    kind = "acc" if classification else "RMSE"
    device = opencl.get((table, rounds))
    device_time = statistics.median(t for _, t, _ in device) if device else float("nan")
    device_score = device[0][0] if device else float("nan")
    print(f"{table:<10}{len(y):>7}  {kind} {ours[0][0]:>8.4f} {ours_time:>6.2f} s  {kind} {score:>8.4f} {statistics.median(times):>6.2f} s"
          f"  {ours_time / statistics.median(times):>15.2f}x  {kind} {device_score:>8.4f} {device_time:>6.2f} s"
          f"  {device_time / statistics.median(times):>12.2f}x  {kind} {early[0]:.4f} {early[1]:.2f} s {early[2]} rounds"
          f"  (sklearn threads: {threads})")
