"""PyTorch CPU reference for CnnBench: the same CNN, Adam 1e-3, batch 128. Prints 'cnn torch <epoch> <s> <accuracy>'.
Arguments: epochs (default 1), training images (default 60000)."""
import sys

import torch

from mlp_torch_data import fit, load

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
fit(model, "cnn", epochs, x_train, y_train, x_test, y_test)
