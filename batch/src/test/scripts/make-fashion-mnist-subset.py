#!/usr/bin/env python3
"""Writes the small Fashion-MNIST subset that the tests ship, from Debian's dataset-fashion-mnist.

    apt-get install dataset-fashion-mnist
    python3 batch/src/test/scripts/make-fashion-mnist-subset.py

The subset keeps the IDX format (gzip): the first 2,000 training and the first 500 test images with their
labels, so that the tests read it with the same loader as the full set. Standard library only.
"""
import gzip
import struct
from pathlib import Path

SOURCE = Path("/usr/share/datasets/fashion-mnist")
TARGET = Path(__file__).resolve().parents[2] / "main" / "resources" / "fashion-mnist-subset"
SUBSETS = {"train": 2000, "t10k": 500}


def subset(kind, name, count):
    with gzip.open(SOURCE / f"{name}-{kind}-ubyte.gz", "rb") as f:
        data = f.read()
    dims = data[3]
    shape = list(struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims]))
    item = 1
    for d in shape[1:]:
        item *= d
    header = data[:4] + struct.pack(">" + "I" * dims, count, *shape[1:])
    body = data[4 + 4 * dims: 4 + 4 * dims + count * item]
    out = TARGET / f"{name}-{kind}-ubyte.gz"
    with gzip.GzipFile(out, "wb", mtime=0) as f:
        f.write(header + body)
    print(out, count, "of", shape[0])


TARGET.mkdir(parents=True, exist_ok=True)
for name, count in SUBSETS.items():
    subset("images-idx3", name, count)
    subset("labels-idx1", name, count)
