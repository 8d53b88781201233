#!/usr/bin/python3
"""Golden values for org.mlarena.evaluation, computed by scikit-learn itself.

Produced with: scikit-learn 1.2.1 (Debian python3-sklearn 1.2.1+dfsg-1), numpy 1.24.2, scipy 1.10.1,
Python 3.11 (Debian 12).  Re-run with Debian's interpreter, from the repository root:

    apt-get install -y python3-sklearn
    /usr/bin/python3 ejb/src/test/python/make_golden.py

It writes ejb/src/test/resources/evaluation/golden-{labels,scores,regression}.json, whose inputs are
deterministic (seeded numpy) and stored with the values, and golden-generated.json: large inputs (10^6
samples) that are not stored but defined by integer formulas, which GoldenValuesTest rebuilds bit for bit
(see generated_inputs below), to check the summations at scale.  Each case holds its inputs and, per metric id of MetricRegistry, the value
sklearn returns; null where sklearn returns NaN, the string "error" where sklearn raises ValueError.
Every call uses sklearn's defaults (zero_division="warn", which yields 0.0), except that
labels=range(k) is passed where sklearn needs to know the full class list (confusion matrix, top-k,
log-loss, one-vs-rest ROC AUC).
"""
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics as M

warnings.filterwarnings("ignore")
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "evaluation")


def val(fn):
    try:
        v = float(fn())
    except ValueError:
        return "error"
    return None if math.isnan(v) else v


# ---------------------------------------------------------------------------------------------------
# Labels: int[] truth, int[] predicted, class count
def label_metrics(t, p, k):
    e = {}
    e["accuracy"] = val(lambda: M.accuracy_score(t, p))
    e["balanced_accuracy"] = val(lambda: M.balanced_accuracy_score(t, p))
    avgs = ["micro", "macro", "weighted"] + (["binary"] if k == 2 else [])
    for a in avgs:
        e[f"precision_{a}"] = val(lambda: M.precision_score(t, p, average=a))
        e[f"recall_{a}"] = val(lambda: M.recall_score(t, p, average=a))
        e[f"f1_{a}"] = val(lambda: M.f1_score(t, p, average=a))
        e[f"f2_{a}"] = val(lambda: M.fbeta_score(t, p, beta=2.0, average=a))
        e[f"f0_5_{a}"] = val(lambda: M.fbeta_score(t, p, beta=0.5, average=a))
    e["matthews_corrcoef"] = val(lambda: M.matthews_corrcoef(t, p))
    e["cohen_kappa"] = val(lambda: M.cohen_kappa_score(t, p))
    e["cohen_kappa_quadratic"] = val(lambda: M.cohen_kappa_score(t, p, weights="quadratic"))
    cm = M.confusion_matrix(t, p, labels=list(range(k)))
    return e, cm.tolist()


def label_case(name, t, p, k):
    t = np.asarray(t, dtype=int)
    p = np.asarray(p, dtype=int)
    e, cm = label_metrics(t, p, k)
    return {"name": name, "classes": k, "truth": t.tolist(), "predicted": p.tolist(),
            "expected": e, "confusion_matrix": cm}


def labels_file(rng):
    cases = []
    n = 500
    t = rng.integers(0, 2, n)
    p = np.where(rng.random(n) < 0.8, t, 1 - t)
    cases.append(label_case("binary random", t, p, 2))
    cases.append(label_case("binary, positive class never predicted", t, np.zeros(n), 2))
    cases.append(label_case("binary, positive class absent from truth", np.zeros(n), p, 2))
    cases.append(label_case("binary, all correct", t, t, 2))
    cases.append(label_case("binary, all wrong", t, 1 - t, 2))
    cases.append(label_case("binary, everything negative", np.zeros(50), np.zeros(50), 2))
    cases.append(label_case("binary, single sample", [1], [0], 2))

    k, n = 4, 600
    t = rng.integers(0, k, n)
    p = np.where(rng.random(n) < 0.6, t, rng.integers(0, k, n))
    cases.append(label_case("multiclass random", t, p, k))
    p2 = np.where(p == 2, 1, p)
    cases.append(label_case("multiclass, class 2 never predicted", t, p2, k))
    t3 = np.where(t == 3, 0, t)
    cases.append(label_case("multiclass, class 3 absent from truth", t3, p, k))
    cases.append(label_case("multiclass, class 4 absent from truth and predictions",
                            t, p, 5))
    cases.append(label_case("multiclass, one class everywhere", np.ones(40), np.ones(40), 3))
    cases.append(label_case("multiclass, truth constant, predictions vary", np.ones(60),
                            rng.integers(0, 3, 60), 3))
    w = np.array([0.7, 0.2, 0.07, 0.03])
    t = rng.choice(4, size=2000, p=w)
    p = np.where(rng.random(2000) < 0.5, t, rng.choice(4, size=2000, p=w[::-1]))
    cases.append(label_case("multiclass imbalanced", t, p, 4))
    k, n = 10, 5000
    t = rng.integers(0, k, n)
    p = np.where(rng.random(n) < 0.4, t, np.clip(t + rng.integers(-2, 3, n), 0, k - 1))
    cases.append(label_case("multiclass ordinal, 10 classes", t, p, k))
    return cases


# ---------------------------------------------------------------------------------------------------
# Scores: int[] truth, double[][] probabilities (n x k)
def score_metrics(t, P):
    k = P.shape[1]
    e = {}
    e["log_loss"] = val(lambda: M.log_loss(t, P, labels=list(range(k))))
    if k == 2:
        s = P[:, 1]
        e["brier_score"] = val(lambda: M.brier_score_loss(t, s))
        e["roc_auc"] = val(lambda: M.roc_auc_score(t, s))
        e["average_precision"] = val(lambda: M.average_precision_score(t, s))
    else:
        lab = list(range(k))
        e["roc_auc_ovr_macro"] = val(lambda: M.roc_auc_score(t, P, multi_class="ovr", average="macro", labels=lab))
        e["roc_auc_ovr_weighted"] = val(lambda: M.roc_auc_score(t, P, multi_class="ovr", average="weighted", labels=lab))
        for kk in (2, 3):
            e[f"top_{kk}_accuracy"] = val(lambda: M.top_k_accuracy_score(t, P, k=kk, labels=lab))
    return e


def score_case(name, t, P):
    t = np.asarray(t, dtype=int)
    P = np.asarray(P, dtype=float)
    return {"name": name, "classes": P.shape[1], "truth": t.tolist(),
            "probabilities": P.tolist(), "expected": score_metrics(t, P)}


def binary_P(s):
    s = np.asarray(s, dtype=float)
    return np.column_stack([1.0 - s, s])


def scores_file(rng):
    cases = []
    n = 500
    t = rng.integers(0, 2, n)
    s = np.clip(0.35 * t + 0.65 * rng.random(n), 0, 1)
    cases.append(score_case("binary random", t, binary_P(s)))
    cases.append(score_case("binary, ties in scores", t, binary_P(np.round(s, 1))))
    cases.append(score_case("binary, all scores equal", t, binary_P(np.full(n, 0.5))))
    cases.append(score_case("binary, scores exactly 0 and 1", t,
                            binary_P(np.where(rng.random(n) < 0.9, t, 1 - t))))
    cases.append(score_case("binary, perfect separation", t, binary_P(0.2 + 0.6 * t)))
    cases.append(score_case("binary, positive class absent from truth", np.zeros(100, dtype=int),
                            binary_P(rng.random(100))))
    cases.append(score_case("binary, negative class absent from truth", np.ones(100, dtype=int),
                            binary_P(rng.random(100))))

    k, n = 4, 300
    t = rng.integers(0, k, n)
    logits = rng.normal(size=(n, k)) + 1.5 * np.eye(k)[t]
    P = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    cases.append(score_case("multiclass random", t, P))
    counts = rng.multinomial(10, [0.25] * k, size=n) + 3 * np.eye(k, dtype=int)[t]
    Q = counts / counts.sum(axis=1, keepdims=True)
    cases.append(score_case("multiclass, ties in scores", t, Q))
    Z = np.where(P < 0.1, 0.0, P)
    Z = Z / Z.sum(axis=1, keepdims=True)
    cases.append(score_case("multiclass, zero probabilities", t, Z))
    t3 = np.where(t == 3, 0, t)
    cases.append(score_case("multiclass, class 3 absent from truth", t3, P))
    cases.append(score_case("multiclass, uniform scores", t, np.full((n, k), 1.0 / k)))
    return cases


# ---------------------------------------------------------------------------------------------------
# Regression: double[] truth, double[] predicted
def rmse(t, p):
    if hasattr(M, "root_mean_squared_error"):
        return M.root_mean_squared_error(t, p)
    return M.mean_squared_error(t, p, squared=False)


def regression_case(name, t, p):
    t = np.asarray(t, dtype=float)
    p = np.asarray(p, dtype=float)
    e = {
        "mae": val(lambda: M.mean_absolute_error(t, p)),
        "mse": val(lambda: M.mean_squared_error(t, p)),
        "rmse": val(lambda: rmse(t, p)),
        "r2": val(lambda: M.r2_score(t, p)),
        "explained_variance": val(lambda: M.explained_variance_score(t, p)),
        "mape": val(lambda: M.mean_absolute_percentage_error(t, p)),
        "median_absolute_error": val(lambda: M.median_absolute_error(t, p)),
        "max_error": val(lambda: M.max_error(t, p)),
        "msle": val(lambda: M.mean_squared_log_error(t, p)),
    }
    return {"name": name, "truth": t.tolist(), "predicted": p.tolist(), "expected": e}


def regression_file(rng):
    cases = []
    n = 1000
    t = rng.normal(10, 3, n)
    cases.append(regression_case("normal targets", t, t + rng.normal(0, 1, n)))
    t = rng.normal(0, 1, 999)
    cases.append(regression_case("negative targets (MSLE undefined), odd length", t, t + rng.normal(0, 0.5, 999)))
    t = rng.lognormal(1, 1, 800)
    cases.append(regression_case("positive skewed targets", t, t * rng.lognormal(0, 0.3, 800)))
    cases.append(regression_case("constant targets, predictions vary", np.full(200, 3.0), rng.normal(3, 1, 200)))
    cases.append(regression_case("constant targets, perfect predictions", np.full(200, 3.0), np.full(200, 3.0)))
    cases.append(regression_case("constant targets, constant offset", np.full(200, 3.0), np.full(200, 5.0)))
    t = rng.normal(5, 2, 300)
    cases.append(regression_case("perfect predictions", t, t.copy()))
    t = np.where(rng.random(300) < 0.2, 0.0, rng.random(300) * 4)
    cases.append(regression_case("targets with zeros (MAPE epsilon)", t, t + rng.random(300)))
    cases.append(regression_case("single sample", [2.5], [1.0]))
    cases.append(regression_case("two samples", [1.0, 4.0], [2.0, 2.0]))
    return cases


# ---------------------------------------------------------------------------------------------------
# Large generated inputs: integer arithmetic and one IEEE division or addition per value, so that Java
# rebuilds exactly the same doubles (GoldenValuesTest.generated).
def generated_inputs(n):
    i = np.arange(n, dtype=np.int64)
    a = (i * 7919) % 10007
    b = (i * 104729) % 2003
    y = a / 100.0
    f = y + (b - 1001) / 1000.0
    t5 = a % 5
    p5 = np.where(i % 3 == 0, (t5 + i % 5) % 5, t5)
    t2 = a % 2
    s = (b + 500 * t2) / 2503.0
    t3 = a % 3
    w = np.column_stack([a % 10 + 1, b % 10 + 1, (a + b) % 10 + 1 + 2 * (t3 == 2)]).astype(float)
    P3 = w / w.sum(axis=1, keepdims=True)
    return y, f, t5, p5, t2, s, t3, P3


def generated_file():
    n = 1_000_000
    y, f, t5, p5, t2, s, t3, P3 = generated_inputs(n)
    cases = []
    e = regression_case("generated regression", y, f)["expected"]
    cases.append({"name": "generated regression", "kind": "regression", "n": n, "expected": e})
    e, cm = label_metrics(t5, p5, 5)
    cases.append({"name": "generated labels, 5 classes", "kind": "labels", "n": n, "classes": 5, "expected": e,
                  "confusion_matrix": cm})
    e, cm = label_metrics(t2, (s > 0.5).astype(int), 2)
    cases.append({"name": "generated labels, binary", "kind": "binary-labels", "n": n, "classes": 2,
                  "expected": e, "confusion_matrix": cm})
    cases.append({"name": "generated scores, binary with ties", "kind": "binary-scores", "n": n, "classes": 2,
                  "expected": score_metrics(t2, np.column_stack([1.0 - s, s]))})
    cases.append({"name": "generated scores, 3 classes", "kind": "multiclass-scores", "n": n, "classes": 3,
                  "expected": score_metrics(t3, P3)})
    return cases


def write(name, cases):
    doc = {"generator": "ejb/src/test/python/make_golden.py", "sklearn": sklearn.__version__,
           "numpy": np.__version__, "cases": cases}
    path = os.path.join(OUT, f"golden-{name}.json")
    with open(path, "w") as f:
        json.dump(doc, f, allow_nan=False, separators=(",", ":"))
        f.write("\n")
    print(path, os.path.getsize(path), "bytes,", len(cases), "cases")


if __name__ == "__main__":
    write("labels", labels_file(np.random.default_rng(20261128)))
    write("scores", scores_file(np.random.default_rng(20261129)))
    write("regression", regression_file(np.random.default_rng(20261130)))
    write("generated", generated_file())
