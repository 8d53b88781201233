"""The text-embedding-bag template's PyTorch twin on exactly the platform's bag-of-words vectors.

    text_torch.py PLATFORM_OUTPUT [seeds]

Reads the "features BUCKETS SPLIT FILE" lines TextBench printed and, for each bucket count, trains what the template
compiles to: nn.EmbeddingBag(buckets, 128, mode="sum", sparse=True) weighted by the bag's values, plus a bias, ReLU,
dropout 0.3, Linear(128, classes); He-uniform initialisation over the buckets as the platform's; SparseAdam for the table
(only the rows present step, as the platform's lazy AdamW) and Adam for the rest, learning rate 0.003, batch 64, the
training rows shuffled each epoch; early stopping as the platform's (up to 96 epochs, patience 10 on the validation loss,
the best epoch's weights). Prints per bucket count the median test accuracy of the seeds and seconds per run."""
import copy
import math
import statistics
import sys
import time

import torch
from torch import nn

torch.set_num_threads(2)


def read(path):
    labels, bags = [], []
    with open(path) as f:
        for line in f:
            parts = line.split()
            labels.append(int(parts[0]))
            bags.append([(int(j), float(v)) for j, v in (item.split(":") for item in parts[1:])])
    return bags, torch.tensor(labels)


def batch(bags, rows):
    ids, weights, offsets = [], [], []
    for r in rows:
        offsets.append(len(ids))
        for j, v in bags[r]:
            ids.append(j)
            weights.append(v)
    return torch.tensor(ids, dtype=torch.long), torch.tensor(offsets, dtype=torch.long), torch.tensor(weights)


class Bag(nn.Module):
    def __init__(self, buckets, classes):
        super().__init__()
        self.table = nn.EmbeddingBag(buckets, 128, mode="sum", sparse=True)
        limit = math.sqrt(6.0 / buckets)
        nn.init.uniform_(self.table.weight, -limit, limit)
        self.bias = nn.Parameter(torch.zeros(128))
        self.head = nn.Sequential(nn.ReLU(), nn.Dropout(0.3), nn.Linear(128, classes))

    def forward(self, ids, offsets, weights):
        return self.head(self.table(ids, offsets, per_sample_weights=weights) + self.bias)


def run(buckets, files, seed):
    torch.manual_seed(seed)
    train, y = read(files["train"])
    validation, yv = read(files["validation"])
    test, yt = read(files["test"])
    model = Bag(buckets, int(max(y.max(), yv.max(), yt.max())) + 1)
    sparse = torch.optim.SparseAdam(list(model.table.parameters()), lr=0.003)
    dense = torch.optim.Adam([model.bias] + list(model.head.parameters()), lr=0.003)
    loss = nn.CrossEntropyLoss()
    best, best_loss, since = None, float("inf"), 0
    start = time.perf_counter()
    for epoch in range(96):
        model.train()
        order = torch.randperm(len(train))
        for b in range(0, len(train), 64):
            rows = order[b:b + 64].tolist()
            sparse.zero_grad()
            dense.zero_grad()
            loss(model(*batch(train, rows)), y[rows]).backward()
            sparse.step()
            dense.step()
        model.eval()
        with torch.no_grad():
            validation_loss = loss(model(*batch(validation, range(len(validation)))), yv).item()
        if validation_loss < best_loss:
            best, best_loss, since = copy.deepcopy(model.state_dict()), validation_loss, 0
        else:
            since += 1
            if since >= 10:
                break
    model.load_state_dict(best)
    model.eval()
    with torch.no_grad():
        accuracy = (model(*batch(test, range(len(test)))).argmax(1) == yt).float().mean().item()
    return accuracy, time.perf_counter() - start


files = {}
for line in open(sys.argv[1]):
    f = line.split()
    if f[:1] == ["features"]:
        files.setdefault(int(f[1]), {})[f[2]] = f[3]
seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
for buckets in sorted(files):
    results = [run(buckets, files[buckets], seed) for seed in range(1, seeds + 1)]
    accuracies = [a for a, _ in results]
    print(f"text torch text-embedding-bag {buckets} median accuracy {statistics.median(accuracies):.4f} (min {min(accuracies):.4f},"
          f" max {max(accuracies):.4f}), {statistics.median([s for _, s in results]):.1f} s/run")
