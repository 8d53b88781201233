"""scikit-learn reference for MetricsBench: the same data from the same integer formulas.
Prints 'metrics sklearn <metric> <n> <seconds> <value>' (best of 3)."""
import sys
import time

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, roc_auc_score

for n in [int(a) for a in sys.argv[1:]] or [1_000_000, 10_000_000]:
    i = np.arange(n, dtype=np.int64)
    truth = (i * 7 + i // 10) % 10
    predicted = np.where(i % 10 < 7, truth, (truth + 1 + i % 3) % 10)
    c = np.arange(10, dtype=np.int64)
    raw = (1 + (i[:, None] * 31 + c[None, :] * 17) % 13 + np.where(c[None, :] == truth[:, None], 6, 0)).astype(np.float64)
    scores = raw / raw.sum(axis=1, keepdims=True)
    runs = {
        "accuracy": lambda: accuracy_score(truth, predicted),
        "f1_macro": lambda: f1_score(truth, predicted, average="macro"),
        "confusion_matrix": lambda: confusion_matrix(truth, predicted)[0, 0],
        "roc_auc_ovr": lambda: roc_auc_score(truth, scores, multi_class="ovr", average="macro"),
    }
    for name, run in runs.items():
        best, value = float("inf"), None
        for _ in range(3 if n <= 1_000_000 else 1):
            start = time.perf_counter()
            value = run()
            best = min(best, time.perf_counter() - start)
        print(f"metrics sklearn {name} {n} {best:.4f} {float(value):.6f}", flush=True)
