"""PyTorch CPU reference for TemplateBench resnet-small: the template resnet-small, Adam 1e-3, batch 128.
Prints 'resnet torch <epoch> <s> <accuracy>'. Arguments: epochs (default 1), training images (default 60000), the learning
rate's schedule (constant, the default, or cosine over the epochs, as TemplateBench's)."""
import sys

import torch

from mlp_torch_data import fit, images

epochs, x_train, y_train, x_test, y_test = images(sys.argv[:3])
schedule = sys.argv[3] if len(sys.argv) > 3 else "constant"


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
    conv(1, 32), torch.nn.BatchNorm2d(32), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    Residual(torch.nn.Sequential(conv(32, 32), torch.nn.BatchNorm2d(32), torch.nn.ReLU(), conv(32, 32), torch.nn.BatchNorm2d(32))),
    torch.nn.ReLU(),
    Residual(torch.nn.Sequential(conv(32, 64, 2), torch.nn.BatchNorm2d(64), torch.nn.ReLU(), conv(64, 64), torch.nn.BatchNorm2d(64)),
             torch.nn.Conv2d(32, 64, 1, stride=2)),
    torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.Dropout(0.3), torch.nn.Linear(64 * 7 * 7, 10))
# batch normalisation keeps its own initialisation (scale 1, shift 0), as the engine's
fit(model, "resnet", epochs, x_train, y_train, x_test, y_test, schedule=schedule)
