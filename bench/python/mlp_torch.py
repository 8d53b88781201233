"""PyTorch CPU reference for MlpBench: the MLP 784-256-10 (ReLU, Adam lr 1e-3, batch 128) on Fashion-MNIST.
Prints 'mlp torch <epoch> <seconds> <test accuracy>'. Run with OPENBLAS_NUM_THREADS=1 and 2 torch threads."""
import gzip
import sys
import time

import numpy as np
import torch

DATA = "/usr/share/datasets/fashion-mnist/"


def idx(name):
    with gzip.open(DATA + name, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


torch.manual_seed(1)
torch.set_num_threads(2)
epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
x_train = torch.tensor(idx("train-images-idx3-ubyte.gz").reshape(-1, 784), dtype=torch.float32) / 255
y_train = torch.tensor(idx("train-labels-idx1-ubyte.gz"), dtype=torch.long)
x_test = torch.tensor(idx("t10k-images-idx3-ubyte.gz").reshape(-1, 784), dtype=torch.float32) / 255
y_test = torch.tensor(idx("t10k-labels-idx1-ubyte.gz"), dtype=torch.long)
model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = torch.nn.CrossEntropyLoss()
for epoch in range(1, epochs + 1):
    start = time.perf_counter()
    order = torch.randperm(len(x_train))
    model.train()
    for i in range(0, len(order), 128):
        batch = order[i:i + 128]
        optimizer.zero_grad()
        loss = loss_fn(model(x_train[batch]), y_train[batch])
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
    print(f"mlp torch {epoch} {time.perf_counter() - start:.2f} {accuracy:.4f}", flush=True)
