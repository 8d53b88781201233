"""PyTorch CPU reference for CnnBench: the same CNN, Adam 1e-3, batch 128. Prints 'cnn torch <epoch> <s> <accuracy>'.
Arguments: epochs (default 1), training images (default 60000)."""
import sys
import time

import torch

from mlp_torch_data import DEVICE, load

torch.manual_seed(1)
torch.set_num_threads(2)
epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 60000
x_train, y_train, x_test, y_test = load()
x_train, y_train = x_train[:rows].reshape(-1, 1, 28, 28), y_train[:rows]
x_test = x_test.reshape(-1, 1, 28, 28)
model = torch.nn.Sequential(
    torch.nn.Conv2d(1, 16, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Conv2d(16, 32, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Flatten(), torch.nn.Linear(32 * 7 * 7, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
# initialised as the engine initialises its layers (Layer.heUniform): He-uniform weights, zero biases; with
# PyTorch's own default (bound 1/sqrt(fan_in)) the two sides would not train the same model
for layer in model.modules():
    if isinstance(layer, (torch.nn.Linear, torch.nn.Conv2d)):
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
    for i in range(0, len(order), 128):
        batch = order[i:i + 128]
        optimizer.zero_grad()
        loss_fn(model(x_train[batch]), y_train[batch]).backward()
        optimizer.step()
    with torch.no_grad():
        accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
    print(f"cnn torch {epoch} {time.perf_counter() - start:.2f} {accuracy:.4f}", flush=True)
