#!/usr/bin/env bash
# Benchmarks of the training engine against numpy and PyTorch on this machine, side by side.
#   bench/run.sh [matmul|mlp|cnn|resnet|augment|metrics|quality|text|trees|all] [epochs] [cnn, resnet and augment training images] [cnn and resnet rounds]
# Installs (as root) Debian's python3-numpy, python3-torch, python3-sklearn, python3-statsmodels and dataset-fashion-mnist when missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
epochs=${2:-10}
cd "$root"
if [ "$(id -u)" = 0 ]; then
    for pkg in python3-numpy python3-torch python3-sklearn python3-statsmodels dataset-fashion-mnist pocl-opencl-icd; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >/dev/null
    done
fi
mvn -B -q -pl bench -am package -DskipTests
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
jsig="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/libjsig.so"
# PoCL's workers pinned, as the server runs them (ear/src/main/wildfly/overlay/bin/arena.conf)
export POCL_AFFINITY="${POCL_AFFINITY:-1}"
java_run() { LD_PRELOAD="$jsig" java -Xmx4g -cp "$cp" "$@"; }
# PyTorch with glibc's malloc keeping what it frees: by default it gives large blocks back to the system and faults them
# in again, and on this VM the same resnet-small epoch read 11.7 s once and 36.9 s (2.5 million page faults against
# 0.2 million) the next time
torch_run() { MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=17179869184 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$@"; }
out=$(mktemp)
# mean and median seconds per epoch of each side, final accuracy, and the ratios against torch: the median as well,
# because a launch on PoCL waits for its worker threads to wake, and on a shared 2-core VM some epochs take twice as long
epochs_summary() {
    /usr/bin/python3 - "$1" "$2" <<'PY'
import statistics, sys
kind, path = sys.argv[1], sys.argv[2]
times, accuracy = {}, {}
for line in open(path):
    f = line.split()
    if len(f) >= 5 and f[0] == kind:
        times.setdefault(f[1], []).append(float(f[3]))
        accuracy[f[1]] = f[4]
for k, t in times.items():
    print(f"mean {k}: {statistics.mean(t):.2f} s/epoch, median {statistics.median(t):.2f}, final accuracy {accuracy[k]}")
if "torch" in times:
    for k, t in times.items():
        if k != "torch":
            print(f"ratio {k}/torch seconds per epoch: mean {statistics.mean(t) / statistics.mean(times['torch']):.2f}, "
                  f"median {statistics.median(t) / statistics.median(times['torch']):.2f}; final accuracy "
                  f"{100 * (float(accuracy[k]) - float(accuracy['torch'])):+.2f} points")
PY
}

if [ "$what" = matmul ] || [ "$what" = all ]; then
    echo "== matrix multiply, fp32, GFLOP/s (best of repetitions)"
    { java_run org.mlarena.bench.MatmulBench; /usr/bin/python3 bench/python/matmul_numpy.py; } | tee -a "$out"
    awk '$1=="matmul"{g[$2" "$3]=$4; n[$3]=1; b[$2]=1}
         END{for (s in n) for (k in b) if (k!="numpy" && (k" "s) in g && ("numpy "s) in g)
             printf "ratio %s/numpy n=%s: %.2f\n", k, s, g[k" "s]/g["numpy "s]}' "$out" | sort -t= -k2 -n
fi
if [ "$what" = mlp ] || [ "$what" = all ]; then
    echo "== MLP 784-256-10, Adam 1e-3, batch 128, full Fashion-MNIST: seconds per epoch, test accuracy"
    { java_run org.mlarena.bench.MlpBench "$epochs" opencl
      torch_run bench/python/mlp_torch.py "$epochs"; } | tee -a "$out"
    epochs_summary mlp "$out"
fi
# a template of the zoo and its PyTorch twin on the first training images: template, label, twin, what it is, images,
# the learning rate's schedule (constant or cosine)
# the twin starts from the engine's initial parameters and takes the batches in the engine's order (TemplateBench
# -Dbench.twin), so the accuracies differ by the arithmetic alone (and dropout's draws); in rounds (engine, PyTorch,
# engine, PyTorch...) because this VM's speed drifts by half within minutes, and a ratio is only fair within a round
template_vs_torch() {
    rows=$5
    echo "== $4, Adam 1e-3 ($6), batch 128, first $rows training images, the same initial parameters and batches: s/epoch, accuracy"
    twin=$(mktemp)
    ratios=$(mktemp)
    for round in $(seq "$rounds"); do
        { java_run -Dbench.twin="$twin" org.mlarena.bench.TemplateBench "$1" "$epochs" "$rows" opencl "$6"
          BENCH_TWIN="$twin" torch_run "bench/python/$3" "$epochs" "$rows" "$6"; } | tee "$out.round"
        cat "$out.round" >> "$out"
        if [ "$rounds" -gt 1 ]; then
            epochs_summary "$2" "$out.round" | sed -n "s/^ratio /round $round: ratio /p" | tee -a "$ratios"
        fi
    done
    epochs_summary "$2" "$out"
    if [ "$rounds" -gt 1 ]; then
        /usr/bin/python3 - "$ratios" <<'PY'
import statistics, sys
r = [float(line.split("median ")[1].split(";")[0]) for line in open(sys.argv[1])]
each = ", ".join(f"{x:.2f}" for x in r)
print(f"median of the {len(r)} rounds' median ratios: {statistics.median(r):.2f} (each: {each})")
PY
    fi
    rm -f "$twin" "$ratios" "$out.round"
}
rounds=${4:-1}
if [ "$what" = cnn ] || [ "$what" = all ]; then
    template_vs_torch cnn cnn cnn_torch.py "CNN conv16-pool-conv32-pool-dense128-dense10" "${3:-6000}" constant
fi
if [ "$what" = resnet ] || [ "$what" = all ]; then
    template_vs_torch resnet-small resnet resnet_torch.py "the template resnet-small (3x3 convolutions, batch normalisation, residual blocks)" "${3:-6000}" cosine
fi
if [ "$what" = augment ]; then
    rows=${3:-6000}
    echo "== the templates cnn and cnn-augmented (the same behind shifts of up to 1 pixel), Adam 1e-3, batch 128, first $rows training images: s/epoch, test accuracy"
    for template in cnn cnn-augmented; do java_run org.mlarena.bench.TemplateBench "$template" "$epochs" "$rows" opencl; done | tee -a "$out"
    /usr/bin/python3 - "$out" <<'PY'
import sys
best, last = {}, {}
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) == 5 and f[0] in ("cnn", "cnn-augmented"):
        best[f[0]] = max(best.get(f[0], 0.0), float(f[4]))
        last[f[0]] = float(f[4])
for k in best:
    print(f"{k}: best test accuracy {best[k]:.4f}, last {last[k]:.4f}")
PY
fi
if [ "$what" = metrics ] || [ "$what" = all ]; then
    echo "== scoring 1e6 and 1e7 predictions of 10 classes: seconds (best of runs), value"
    { LD_PRELOAD="$jsig" java -Xmx12g -cp "$cp" org.mlarena.bench.MetricsBench
      /usr/bin/python3 bench/python/metrics_sklearn.py; } | tee -a "$out"
    awk '$1=="metrics"{t[$2" "$3" "$4]=$5; m[$3" "$4]=1}
         END{for (k in m) if (("java "k) in t && ("sklearn "k) in t) printf "speed-up java vs sklearn %s: %.1fx\n", k, t["sklearn "k]/t["java "k]}' "$out" | sort
fi
if [ "$what" = quality ] || [ "$what" = all ]; then
    echo "== the default experiment of every zoo model vs scikit-learn's defaults, on real tables of Debian's python3-sklearn and python3-statsmodels"
    tables=$(mktemp -d)
    /usr/bin/python3 bench/python/quality_tables.py "$tables/tables"
    java_run org.mlarena.bench.QualityBench "$tables/tables" "$tables/work" | tee "$tables/platform.txt"
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/python/quality_sklearn.py "$tables/platform.txt"
    rm -rf "$tables"
fi
if [ "$what" = text ] || [ "$what" = all ]; then
    echo "== text models on the demo's debian-sections (5 seeds each) vs scikit-learn's LogisticRegression and the embedding bag's PyTorch twin on the same bag-of-words vectors"
    work=$(mktemp -d)
    java_run org.mlarena.bench.TextBench ejb/src/main/resources/demo/debian-packages.csv "$work" | tee "$work/platform.txt"
    /usr/bin/python3 bench/python/text_sklearn.py "$work/platform.txt"
    torch_run bench/python/text_torch.py "$work/platform.txt"
    rm -rf "$work"
fi
if [ "$what" = trees ] || [ "$what" = all ]; then
    echo "== gradient boosting: numerics.trees (plain Java, 1 thread; and on the OpenCL device) vs scikit-learn's HistGradientBoosting, same split, 100 rounds"
    tables=$(mktemp -d)
    /usr/bin/python3 bench/python/trees_tables.py "$tables/tables"
    LD_PRELOAD="$jsig" java -Xmx8g -cp "$cp" org.mlarena.bench.TreesBench "$tables/tables" "$tables/work" | tee "$tables/java.txt"
    for threads in 1 2; do
        OMP_NUM_THREADS=$threads /usr/bin/python3 bench/python/trees_sklearn.py "$tables/java.txt"
    done
    rm -rf "$tables"
fi
rm -f "$out"
