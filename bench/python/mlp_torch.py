"""PyTorch CPU reference for MlpBench: the MLP 784-256-10 (ReLU, Adam lr 1e-3, batch 128) on Fashion-MNIST.
Prints 'mlp torch <epoch> <seconds> <test accuracy>'. Run with OPENBLAS_NUM_THREADS=1 and 2 torch threads."""
import sys
import time

import torch

from mlp_torch_data import DEVICE, load

torch.manual_seed(1)
torch.set_num_threads(2)
epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
x_train, y_train, x_test, y_test = load()
model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
# initialised as the engine initialises its layers (Layer.heUniform): He-uniform weights, zero biases; with
# PyTorch's own default (bound 1/sqrt(fan_in)) the two sides would not train the same model
for layer in model.modules():
    if isinstance(layer, torch.nn.Linear):
        torch.nn.init.kaiming_uniform_(layer.weight, nonlinearity="relu")
        torch.nn.init.zeros_(layer.bias)
model.to(DEVICE)
# plain fp32 on a GPU as the engine computes it (no TF32 tensor cores)
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = torch.nn.CrossEntropyLoss()
for epoch in range(1, epochs + 1):
    start = time.perf_counter()
    order = torch.randperm(len(x_train), device=DEVICE)
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
