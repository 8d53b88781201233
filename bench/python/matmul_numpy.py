"""numpy (OpenBLAS) reference for MatmulBench: prints 'matmul numpy <n> <GFLOP/s>' (best of at least 2 s of repetitions)."""
import sys
import time

import numpy as np

for n in [int(a) for a in sys.argv[1:]] or [256, 512, 1024, 2048]:
    rng = np.random.default_rng(1)
    a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
    a @ b
    reps = 10 if n <= 512 else 4 if n <= 1024 else 2
    # as MatmulBench: at least that many repetitions and at least 2 seconds, the best one counts
    until = time.perf_counter() + 2
    times = []
    while len(times) < reps or time.perf_counter() < until:
        t = time.perf_counter()
        a @ b
        times.append(time.perf_counter() - t)
    print(f"matmul numpy {n} {2 * n ** 3 / min(times) / 1e9:.2f}", flush=True)
