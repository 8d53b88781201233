"""PyTorch CPU reference for TemplateBench cnn: the same CNN, Adam 1e-3, batch 128. Prints 'cnn torch <epoch> <s> <accuracy>'.
Arguments: epochs (default 1), training images (default 60000), schedule (constant, the default, or cosine)."""
import sys

import torch

from mlp_torch_data import fit, images

epochs, x_train, y_train, x_test, y_test = images(sys.argv)
model = torch.nn.Sequential(
    torch.nn.Conv2d(1, 16, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Conv2d(16, 32, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Flatten(), torch.nn.Linear(32 * 7 * 7, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
fit(model, "cnn", epochs, x_train, y_train, x_test, y_test, schedule=sys.argv[3] if len(sys.argv) > 3 else "constant")
