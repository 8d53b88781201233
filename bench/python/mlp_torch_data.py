"""Fashion-MNIST from Debian's dataset-fashion-mnist as torch tensors (pixels scaled to [0, 1], rows of 784)."""
import gzip
import math
import os
import time

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


def images(argv):
    """The image benchmarks' arguments (epochs, default 1; training images, default 60000) and their data as images of
    1x28x28, torch seeded and on 2 threads as the engine's runs."""
    torch.manual_seed(1)
    torch.set_num_threads(2)
    epochs = int(argv[1]) if len(argv) > 1 else 1
    rows = int(argv[2]) if len(argv) > 2 else 60000
    x_train, y_train, x_test, y_test = load()
    return epochs, x_train[:rows].reshape(-1, 1, 28, 28), y_train[:rows], x_test.reshape(-1, 1, 28, 28), y_test


def fit(model, tag, epochs, x_train, y_train, x_test, y_test, test_chunk=128, schedule="constant"):
    """Trains as the engine's benchmarks do and prints '<tag> torch <epoch> <seconds> <test accuracy>' per epoch:
    layers initialised as the engine's (Layer.heUniform: He-uniform weights, zero biases; with PyTorch's own default,
    bound 1/sqrt(fan_in), the two sides would not train the same model), plain fp32 on a GPU (no TF32 tensor cores),
    Adam 1e-3 (or annealed per epoch with schedule "cosine", as the engine's Optimizer.cosine), batch 128, the test set each epoch in chunks of test_chunk rows (128, as the engine's benchmarks evaluate
    it: PyTorch's CPU forward pass of the CNN over all 10,000 test images at once took 2.0 s, in chunks of 128 0.84 s)."""
    for layer in model.modules():
        if isinstance(layer, (torch.nn.Linear, torch.nn.Conv2d)):
            torch.nn.init.kaiming_uniform_(layer.weight, nonlinearity="relu")
            torch.nn.init.zeros_(layer.bias)
    orders = twin(model, os.environ.get("BENCH_TWIN"), epochs, len(x_train))
    model.to(DEVICE)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    chunk = test_chunk
    for epoch in range(1, epochs + 1):
        if schedule == "cosine":
            for group in optimizer.param_groups:
                group["lr"] = 1e-3 * 0.5 * (1 + math.cos(math.pi * (epoch - 1) / epochs))
        start = time.perf_counter()
        order = torch.randperm(len(x_train), device=DEVICE) if orders is None else orders[epoch - 1].to(DEVICE)
        model.train()
        for i in range(0, len(order), 128):
            batch = order[i:i + 128]
            optimizer.zero_grad()
            loss_fn(model(x_train[batch]), y_train[batch]).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            correct = sum((model(x_test[i:i + chunk]).argmax(1) == y_test[i:i + chunk]).sum().item() for i in range(0, len(x_test), chunk))
        print(f"{tag} torch {epoch} {time.perf_counter() - start:.2f} {correct / len(x_test):.4f}", flush=True)


def twin(model, path, epochs, rows):
    """With a file that TemplateBench wrote (-Dbench.twin): the engine's initial parameters copied into the model (its
    convolutions, linear layers and batch normalisations in the order they are registered, as the engine lays them out:
    weights then biases, a linear layer's weights inputs x outputs) and each epoch's order of the training rows; else None."""
    if not path:
        return None
    data = np.fromfile(path, dtype="<i4")
    count = int(data[0])
    parameters = torch.from_numpy(data[1:1 + count].view("<f4").copy())
    at = 0
    with torch.no_grad():
        for layer in model.modules():
            if isinstance(layer, (torch.nn.Linear, torch.nn.Conv2d, torch.nn.BatchNorm2d)):
                for name in ("weight", "bias"):
                    tensor = getattr(layer, name)
                    values = parameters[at:at + tensor.numel()]
                    if isinstance(layer, torch.nn.Linear) and name == "weight":
                        values = values.reshape(tensor.shape[1], tensor.shape[0]).t()
                    tensor.copy_(values.reshape(tensor.shape))
                    at += tensor.numel()
    if at != count:
        raise SystemExit(f"the twin file holds {count} parameters, the model {at}")
    saved_epochs, saved_rows = int(data[1 + count]), int(data[2 + count])
    if saved_epochs < epochs or saved_rows != rows:
        raise SystemExit(f"the twin file orders {saved_rows} rows for {saved_epochs} epochs, the run has {rows} for {epochs}")
    return torch.from_numpy(data[3 + count:].astype(np.int64)).reshape(saved_epochs, saved_rows)
