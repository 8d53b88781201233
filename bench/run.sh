#!/usr/bin/env bash
# Benchmarks of the training engine against numpy and PyTorch on this machine, side by side.
#   bench/run.sh [matmul|mlp|cnn|metrics|all] [epochs] [cnn training images]
# Installs (as root) Debian's python3-numpy, python3-torch and dataset-fashion-mnist when missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
epochs=${2:-10}
cd "$root"
if [ "$(id -u)" = 0 ]; then
    for pkg in python3-numpy python3-torch python3-sklearn dataset-fashion-mnist pocl-opencl-icd; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >/dev/null
    done
fi
mvn -B -q -pl batch install -DskipTests
mvn -B -q -f bench/pom.xml package
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
jsig="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/libjsig.so"
java_run() { LD_PRELOAD="$jsig" java -Xmx4g -cp "$cp" "$@"; }
out=$(mktemp)

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
      OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/python/mlp_torch.py "$epochs"; } | tee -a "$out"
    awk '$1=="mlp"{t[$2]+=$4; e[$2]++; a[$2]=$5}
         END{for (k in t) printf "mean %s: %.2f s/epoch, final accuracy %.4f\n", k, t[k]/e[k], a[k];
             for (k in t) if (k!="torch" && ("torch" in t)) printf "ratio %s/torch seconds per epoch: %.2f\n", k, (t[k]/e[k])/(t["torch"]/e["torch"])}' "$out"
fi
if [ "$what" = cnn ] || [ "$what" = all ]; then
    rows=${3:-6000}
    echo "== CNN conv16-pool-conv32-pool-dense128-dense10, Adam 1e-3, batch 128, first $rows training images: s/epoch, accuracy"
    { java_run org.mlarena.bench.CnnBench "$epochs" "$rows" opencl
      OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/python/cnn_torch.py "$epochs" "$rows"; } | tee -a "$out"
    awk '$1=="cnn"{t[$2]+=$4; e[$2]++}
         END{for (k in t) if (k!="torch" && ("torch" in t)) printf "ratio %s/torch seconds per epoch: %.2f\n", k, (t[k]/e[k])/(t["torch"]/e["torch"])}' "$out"
fi
if [ "$what" = metrics ] || [ "$what" = all ]; then
    echo "== scoring 1e6 and 1e7 predictions of 10 classes: seconds (best of runs), value"
    mvn -B -q -pl batch,ejb install -DskipTests
    mvn -B -q -f bench/pom.xml package
    { LD_PRELOAD="$jsig" java -Xmx12g -cp "$cp" org.mlarena.bench.MetricsBench
      /usr/bin/python3 bench/python/metrics_sklearn.py; } | tee -a "$out"
    awk '$1=="metrics"{t[$2" "$3" "$4]=$5; m[$3" "$4]=1}
         END{for (k in m) if (("java "k) in t && ("sklearn "k) in t) printf "speed-up java vs sklearn %s: %.1fx\n", k, t["sklearn "k]/t["java "k]}' "$out" | sort
fi
rm -f "$out"
