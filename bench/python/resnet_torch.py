"""PyTorch CPU reference for ResNetBench: the template resnet-small, Adam 1e-3, batch 128.
Prints 'resnet torch <epoch> <s> <accuracy>'. Arguments: epochs (default 1), training images (default 60000)."""
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


class Residual(torch.nn.Module):
    """The body's output plus the input, or plus a 1x1 convolution of it (with a bias, as the engine's projection)."""

    def __init__(self, body, projection=None):
        super().__init__()
        self.body = body
        self.projection = projection

    def forward(self, x):
        return self.body(x) + (x if self.projection is None else self.projection(x))


def conv(c_in, c_out, stride=1):
    return torch.nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1)


model = torch.nn.Sequential(
    conv(1, 32), torch.nn.BatchNorm2d(32), torch.nn.ReLU(),
    Residual(torch.nn.Sequential(conv(32, 32), torch.nn.BatchNorm2d(32), torch.nn.ReLU(), conv(32, 32), torch.nn.BatchNorm2d(32))),
    torch.nn.ReLU(),
    Residual(torch.nn.Sequential(conv(32, 64, 2), torch.nn.BatchNorm2d(64), torch.nn.ReLU(), conv(64, 64), torch.nn.BatchNorm2d(64)),
             torch.nn.Conv2d(32, 64, 1, stride=2)),
    torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), torch.nn.Linear(64, 10))
# initialised as the engine initialises its layers: He-uniform weights, zero biases; batch normalisation's scale 1, shift 0
for layer in model.modules():
    if isinstance(layer, (torch.nn.Linear, torch.nn.Conv2d)):
        torch.nn.init.kaiming_uniform_(layer.weight, nonlinearity="relu")
        torch.nn.init.zeros_(layer.bias)
model.to(DEVICE)
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = torch.nn.CrossEntropyLoss()
for epoch in range(1, epochs + 1):
    start = time.perf_counter()
    model.train()
    order = torch.randperm(len(x_train), device=DEVICE)
    for i in range(0, len(order), 128):
        batch = order[i:i + 128]
        optimizer.zero_grad()
        loss_fn(model(x_train[batch]), y_train[batch]).backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        accuracy = sum((model(x_test[i:i + 1000]).argmax(1) == y_test[i:i + 1000]).sum().item() for i in range(0, len(x_test), 1000)) / len(x_test)
    print(f"resnet torch {epoch} {time.perf_counter() - start:.2f} {accuracy:.4f}", flush=True)
