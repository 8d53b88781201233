#!/usr/bin/env bash
# The training engine's OpenCL kernels on an NVIDIA GPU, side by side with PyTorch on the same GPU.
#
#   bench/gpu.sh prepare   here (Debian, Java 17, Maven): builds, then packs into .gpu/ what the GPU machine lacks
#                          (a jlinked Java runtime, the ICD loader, Aparapi's x86-64 native library, the jars, the
#                          kernel tests, Fashion-MNIST); .gpu/ is git-ignored and travels as a carried path
#   bench/gpu.sh [tests]   on the GPU machine (CUDA, Python and PyTorch, no Java, no OpenCL loader): finds the NVIDIA
#                          OpenCL driver, lists the device, runs the OpenCL-versus-Java kernel tests on it, then the
#                          matrix product, the MLP, the CNN and resnet-small against PyTorch on the GPU, and the
#                          gradient-boosted trees on the GPU against plain Java ("tests": the kernel tests only); the
#                          log goes to $OUT/gpu.log
#
# With the device tool: run "bench/gpu.sh" with carry [".gpu"] (see ../shared/GPU.md for the budget).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
pack="$root/.gpu"

prepare() {
    set -e
    if [ "$(id -u)" = 0 ]; then
        for pkg in ocl-icd-libopencl1 clinfo dataset-fashion-mnist zip xz-utils python3; do
            dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
                || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >/dev/null
        done
    fi
    mvn -B -q -pl bench -am package -DskipTests
    mvn -B -q -pl batch test-compile
    rm -rf "$pack" && mkdir -p "$pack/lib" "$pack/fashion-mnist"
    # a Java runtime: Aparapi and the engine need java.base, java.desktop and java.logging (jdeps)
    jlink --add-modules java.base,java.desktop,java.logging,jdk.unsupported --strip-debug --no-man-pages \
        --no-header-files --compress=2 --output "$pack/jre"
    tar -C "$pack" -cJf "$pack/jre.tar.xz" jre && rm -rf "$pack/jre"
    # the ICD loader and clinfo (Debian's ocl-icd-libopencl1, clinfo)
    cp -L /usr/lib/x86_64-linux-gnu/libOpenCL.so.1 "$pack/"
    cp /usr/bin/clinfo "$pack/"
    # runtime classpath of the benchmarks and the tests, Aparapi's JNI jar cut to its Linux x86-64 library (19 MB -> 3)
    mvn -B -q -pl batch dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$pack/lib"
    mvn -B -q dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:1.14.3 \
        -DoutputDirectory="$pack" -Dmdep.stripVersion=true
    rm -f "$pack"/lib/junit-* "$pack"/lib/opentest4j-* "$pack"/lib/apiguardian-* "$pack"/lib/arena-* \
        "$pack"/lib/jakarta.{jakartaee-,faces,mail,servlet,websocket,jms,el,resource,persistence,ws.rs}* "$pack"/lib/archunit*
    jni=$(ls "$pack"/lib/aparapi-jni-*.jar)
    zip -q -d "$jni" 'win/*' 'osx/*' 'linux/libaparapi_aarch64.so' 'linux/libaparapi_armhf.so' 'linux/libaparapi_x86.so'
    # the engine, and the dataset importer the trees' benchmark splits its table with
    cp batch/target/arena-batch-*.jar ejb/target/arena-ejb-*.jar "$pack/lib/"
    (cd bench/target/classes && jar cf "$pack/lib/arena-bench.jar" .)
    (cd batch/target/test-classes && jar cf "$pack/arena-batch-tests.jar" .)
    # Fashion-MNIST: all 10,000 test images, the first 30,000 training images (the whole set would not fit the 64 MiB)
    /usr/bin/python3 - "$pack/fashion-mnist" <<'PY'
import gzip, shutil, sys
src, dst = "/usr/share/datasets/fashion-mnist/", sys.argv[1] + "/"
for name in ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]:
    shutil.copy(src + name, dst + name)
rows = 30000
for name, row_bytes, header in [("train-images-idx3-ubyte.gz", 784, 16), ("train-labels-idx1-ubyte.gz", 1, 8)]:
    data = bytearray(gzip.open(src + name).read())
    data[4:8] = rows.to_bytes(4, "big")
    gzip.open(dst + name, "wb", compresslevel=9).write(bytes(data[:header + rows * row_bytes]))
PY
    du -sh "$pack"; du -sh "$pack"/* | sort -h | tail -5
}

[ "${1:-}" = prepare ] && { prepare; exit; }

out=${OUT:-$root/bench/target}
mkdir -p "$out"
exec > >(tee -a "$out/gpu.log") 2>&1
section() { echo; echo "== $* ($(date -u +%H:%M:%S))"; }

section "machine"
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv 2>&1
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))' 2>&1

section "OpenCL driver"
# ARENA_OPENCL_ICD names a driver library to use instead (e.g. PoCL's, to try this script on a machine without a GPU)
icd=${ARENA_OPENCL_ICD:-}
[ -z "$icd" ] && icd=$(find / \( -path /proc -o -path /sys -o -path /dev -o -path /tmp \) -prune -o -name 'libnvidia-opencl.so*' -print 2>/dev/null | sort | head -20)
[ -z "$icd" ] && icd=$(find /usr/local/nvidia /usr/lib /usr/lib64 /lib -name 'libnvidia-opencl.so*' 2>/dev/null | sort)
echo "found: ${icd:-nothing}"
lib=$(echo "$icd" | grep -m1 'libnvidia-opencl.so.1$' || echo "$icd" | head -1)
if [ -z "$lib" ]; then
    echo "no NVIDIA OpenCL driver on this machine: only the PyTorch references run"
fi
mkdir -p /tmp/arena-ocl/vendors /tmp/arena-ocl/lib
cp "$pack/libOpenCL.so.1" /tmp/arena-ocl/lib/
[ -n "$lib" ] && echo "$lib" > /tmp/arena-ocl/vendors/nvidia.icd
export OCL_ICD_VENDORS=/tmp/arena-ocl/vendors
export LD_LIBRARY_PATH="/tmp/arena-ocl/lib:$(dirname "${lib:-/x}"):${LD_LIBRARY_PATH:-}"
"$pack/clinfo" -l 2>&1 | head -20
"$pack/clinfo" 2>&1 | grep -E 'Device Name|Device Version|Driver Version|Max compute units|Max work group size|Local memory size|Global memory size|Preferred work group size multiple' | head -20

section "Java runtime"
tar -C /tmp -xJf "$pack/jre.tar.xz"
cp="$(ls "$pack"/lib/*.jar | tr '\n' ':')"
java=(env LD_PRELOAD=/tmp/jre/lib/libjsig.so /tmp/jre/bin/java -Xmx16g -Darena.bench.fashion-mnist="$pack/fashion-mnist")
"${java[@]}" -version 2>&1

export FASHION_MNIST_DIR="$pack/fashion-mnist" BENCH_TORCH_DEVICE=cuda
if [ -n "$lib" ]; then
    section "kernel tests: OpenCL on the GPU against plain Java (OpenClBackendTest, OpenClMatrixKernelsTest, OpenClTreeKernelsTest)"
    (cd batch && timeout 150 "${java[@]}" -jar "$pack/junit-platform-console-standalone.jar" execute \
        -cp "$cp$pack/arena-batch-tests.jar" --select-class org.mlarena.numerics.opencl.OpenClBackendTest \
        --select-class org.mlarena.numerics.opencl.OpenClMatrixKernelsTest \
        --select-class org.mlarena.numerics.opencl.OpenClTreeKernelsTest --details=tree --disable-banner --disable-ansi-colors 2>&1 | tail -70)
fi

[ "${1:-}" = tests ] && { section "done"; exit; }

section "matrix multiply fp32, GFLOP/s, best of >= 2 s (engine: result read back to host memory each time)"
[ -n "$lib" ] && timeout 120 "${java[@]}" -Darena.bench.java=false -cp "$cp" org.mlarena.bench.MatmulBench 256 512 1024 2048 4096
timeout 90 python3 bench/python/matmul_torch.py 256 512 1024 2048 4096
if [ -n "$lib" ]; then
    for shape in row tile row_block; do
        timeout 60 "${java[@]}" -Darena.bench.java=false -Darena.numerics.work-shape=$shape -cp "$cp" \
            org.mlarena.bench.MatmulBench 1024 2048 | grep -v separate | sed "s/opencl-gpu /opencl-gpu-$shape /"
    done
fi

section "MLP 784-256-10, Adam 1e-3, batch 128, 30,000 training images: s/epoch, test accuracy"
[ -n "$lib" ] && timeout 150 "${java[@]}" -cp "$cp" org.mlarena.bench.MlpBench 5 opencl
timeout 90 python3 bench/python/mlp_torch.py 5

section "CNN conv16-pool-conv32-pool-dense128-dense10, Adam 1e-3, batch 128, 30,000 training images: s/epoch, accuracy"
[ -n "$lib" ] && timeout 180 "${java[@]}" -cp "$cp" org.mlarena.bench.TemplateBench cnn 2 30000 opencl
timeout 90 python3 bench/python/cnn_torch.py 2 30000

section "template resnet-small (batch normalisation, residual blocks), Adam 1e-3, batch 128, 30,000 training images, 1 epoch: s/epoch, accuracy"
[ -n "$lib" ] && timeout 150 "${java[@]}" -cp "$cp" org.mlarena.bench.TemplateBench resnet-small 1 30000 opencl
timeout 90 python3 bench/python/resnet_torch.py 1 30000

section "gradient boosting, 20 rounds on the first 25,000 Fashion-MNIST training images as a 784-column table: plain Java (1 thread), then the GPU (work-group histograms in local memory; same-trees: equal to Java's to the bit)"
rm -rf /tmp/arena-trees
if [ -n "$lib" ] && timeout 120 python3 bench/python/trees_tables.py /tmp/arena-trees/tables; then
    timeout 240 "${java[@]}" -Dtrees.tables=fashion -Dtrees.rounds=20 -Dtrees.repeats=1 -cp "$cp" org.mlarena.bench.TreesBench \
        /tmp/arena-trees/tables /tmp/arena-trees/work | tee /tmp/arena-trees/java.txt | grep -v '^split'
    # scikit-learn's HistGradientBoosting on the same split with all the machine's cores, when it has scikit-learn
    python3 -c 'import sklearn' 2>/dev/null && timeout 120 python3 bench/python/trees_sklearn.py /tmp/arena-trees/java.txt
fi

section "done"
