"""Truth for the panel's pictures, from real PyTorch (run: /usr/bin/python3
tools/golden/panel_truth.py, or `npm run golden:panel`).

- coverage: which input pixels one output pixel of a conv stack depends on, read from the
  gradient of that output pixel with all-ones weights (non-zero gradient = reached);
- scatter: the output of a ConvTranspose with all-ones weights on an all-ones input, which
  is exactly the number of kernel copies that overlap on each output cell.
Writes test/unit/panel/truth/panelTruth.json.
"""
import json
import os

import torch
from torch import nn


def coverage_1d(layers, size):
    """Per-axis reach of the centre output pixel along W, for 2-d convs (square, separable)."""
    x = torch.ones(1, 1, size, size, requires_grad=True)
    y = x
    for kernel, stride, dilation in layers:
        conv = nn.Conv2d(1, 1, kernel, stride=stride, dilation=dilation, bias=False)
        nn.init.ones_(conv.weight)
        y = conv(y)
    h, w = y.shape[-2] // 2, y.shape[-1] // 2
    y[0, 0, h, w].backward()
    reached_cols = (x.grad[0, 0].abs().sum(dim=0) > 0).nonzero().flatten().tolist()
    reached_rows = (x.grad[0, 0].abs().sum(dim=1) > 0).nonzero().flatten().tolist()
    first, last = reached_cols[0], reached_cols[-1]
    offsets = [1 if c in reached_cols else 0 for c in range(first, last + 1)]
    assert [1 if r in reached_rows else 0 for r in range(reached_rows[0], reached_rows[-1] + 1)] == offsets
    return offsets


def scatter(kernel, stride, padding, dilation, output_padding, size):
    layer = nn.ConvTranspose2d(1, 1, kernel, stride=stride, padding=padding, dilation=dilation,
                               output_padding=output_padding, bias=False)
    nn.init.ones_(layer.weight)
    with torch.no_grad():
        out = layer(torch.ones(1, 1, size, size))
    return {"height": out.shape[-2], "width": out.shape[-1], "values": [int(v) for v in out.flatten().tolist()]}


STACKS = {
    "rates222": [(3, 1, 2), (3, 1, 2), (3, 1, 2)],
    "rates123": [(3, 1, 1), (3, 1, 2), (3, 1, 3)],
    "three3x3": [(3, 1, 1), (3, 1, 1), (3, 1, 1)],
    "stride2then3x3": [(3, 2, 1), (3, 1, 1)],
    "dilated5": [(5, 1, 3)],
}
SCATTERS = {
    "k3s1_2x2": (3, 1, 0, 1, 0, 2),
    "k3s2_3x3": (3, 2, 0, 1, 0, 3),
    "k4s2p1_4x4": (4, 2, 1, 1, 0, 4),
    "k3s2p1op1_4x4": (3, 2, 1, 1, 1, 4),
}

truth = {
    "torch": torch.__version__,
    "coverage": {name: coverage_1d(layers, 64) for name, layers in STACKS.items()},
    "stacks": {name: [list(layer) for layer in layers] for name, layers in STACKS.items()},
    "scatter": {name: {"args": list(args), **scatter(*args)} for name, args in SCATTERS.items()},
}
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
with open(os.path.join(ROOT, "test", "unit", "panel", "truth", "panelTruth.json"), "w") as out:
    json.dump(truth, out, indent=1)
    out.write("\n")
