"""PyTorch reference for MatmulBench on a GPU: prints 'matmul torch-cuda <n> <GFLOP/s>' for fp32 products (TF32 off,
as the engine computes), the best of at least 2 s of repetitions, each timed to its end (torch.cuda.synchronize),
and again with the product copied to host memory as MatmulBench does."""
import sys
import time

import torch

torch.backends.cuda.matmul.allow_tf32 = False
for n in [int(a) for a in sys.argv[1:]] or [256, 512, 1024, 2048, 4096]:
    g = torch.Generator(device="cuda").manual_seed(1)
    a = torch.rand((n, n), generator=g, device="cuda") * 2 - 1
    b = torch.rand((n, n), generator=g, device="cuda") * 2 - 1
    a @ b
    torch.cuda.synchronize()
    until = time.perf_counter() + 2
    times = []
    while len(times) < 10 or time.perf_counter() < until:
        t = time.perf_counter()
        a @ b
        torch.cuda.synchronize()
        times.append(time.perf_counter() - t)
    print(f"matmul torch-cuda {n} {2 * n ** 3 / min(times) / 1e9:.2f}", flush=True)
    # the engine's MatmulBench reads the result back into host memory after each product: the same here
    times = []
    until = time.perf_counter() + 2
    while len(times) < 10 or time.perf_counter() < until:
        t = time.perf_counter()
        (a @ b).cpu()
        times.append(time.perf_counter() - t)
    print(f"matmul torch-cuda-to-host {n} {2 * n ** 3 / min(times) / 1e9:.2f}", flush=True)
