"""Fashion-MNIST from Debian's dataset-fashion-mnist as torch tensors (pixels scaled to [0, 1], rows of 784)."""
import gzip
import os

import numpy as np
import torch

# Debian's dataset-fashion-mnist, or the folder in FASHION_MNIST_DIR (bench/gpu.sh carries a copy)
DATA = os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist") + "/"
# "cpu" (the default: the engine's CPU runs are compared with PyTorch on the same cores) or "cuda" (bench/gpu.sh)
DEVICE = torch.device(os.environ.get("BENCH_TORCH_DEVICE", "cpu"))


def idx(name):
    with gzip.open(DATA + name, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load():
    x_train = torch.tensor(idx("train-images-idx3-ubyte.gz").reshape(-1, 784), dtype=torch.float32) / 255
    y_train = torch.tensor(idx("train-labels-idx1-ubyte.gz"), dtype=torch.long)
    x_test = torch.tensor(idx("t10k-images-idx3-ubyte.gz").reshape(-1, 784), dtype=torch.float32) / 255
    y_test = torch.tensor(idx("t10k-labels-idx1-ubyte.gz"), dtype=torch.long)
    return x_train.to(DEVICE), y_train.to(DEVICE), x_test.to(DEVICE), y_test.to(DEVICE)
