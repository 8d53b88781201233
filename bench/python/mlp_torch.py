"""PyTorch CPU reference for MlpBench: the MLP 784-256-10 (ReLU, Adam lr 1e-3, batch 128) on Fashion-MNIST.
Prints 'mlp torch <epoch> <seconds> <test accuracy>'. Run with OPENBLAS_NUM_THREADS=1 and 2 torch threads."""
import sys

import torch

from mlp_torch_data import fit, load

torch.manual_seed(1)
torch.set_num_threads(2)
epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
x_train, y_train, x_test, y_test = load()
model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
fit(model, "mlp", epochs, x_train, y_train, x_test, y_test)
