"""Receptive-field and gridding truth from real PyTorch autograd.

For random 1-d stacks of Conv1d (weights 1, no bias) and AvgPool1d layers, the input pixels
that one output pixel depends on are exactly those where the gradient of that output with
respect to an all-ones input is non-zero (everything is positive, nothing cancels). The set
is the exact coverage (holes = gridding), its span is the receptive field, and its position
checks jump and start. Output pixels are chosen so that their field lies inside the input.
"""
import random

import torch
import torch.nn as nn

COUNT = 160


def random_layer(rng):
    if rng.random() < 0.75:
        kernel = rng.randint(1, 5)
        return {'kind': 'Conv1d', 'kernel': kernel, 'dilation': rng.choice([1, 1, 2, 2, 3, 4]),
                'stride': rng.choice([1, 1, 1, 2, 3]), 'padding': rng.randint(0, 2)}
    kernel = rng.randint(1, 3)
    return {'kind': 'AvgPool1d', 'kernel': kernel, 'dilation': 1, 'stride': rng.choice([1, 2, kernel]),
            'padding': rng.randint(0, kernel // 2)}


def build(layer):
    if layer['kind'] == 'Conv1d':
        conv = nn.Conv1d(1, 1, layer['kernel'], stride=layer['stride'], padding=layer['padding'],
                         dilation=layer['dilation'], bias=False)
        nn.init.ones_(conv.weight)
        return conv
    return nn.AvgPool1d(layer['kernel'], stride=layer['stride'], padding=layer['padding'])


def coverage_case(rng):
    layers = [random_layer(rng) for _ in range(rng.randint(1, 4))]
    # Only sizes the input generously; the truth below comes from autograd.
    span, jump = 1, 1
    for layer in layers:
        span += (layer['dilation'] * (layer['kernel'] - 1)) * jump
        jump *= layer['stride']
    length = 4 * span + 4 * jump + 16
    model = nn.Sequential(*[build(layer) for layer in layers])
    x = torch.ones(1, 1, length, requires_grad=True)
    y = model(x)
    index = y.shape[-1] // 2
    y[0, 0, index].backward()
    reached = (x.grad[0, 0] != 0).nonzero().flatten().tolist()
    first, last = reached[0], reached[-1]
    assert first > 0 and last < length - 1, 'field touches the input border'
    return {'layers': layers, 'inputLength': length, 'outputIndex': index, 'firstPixel': first,
            'offsets': [r - first for r in reached], 'fieldSize': last - first + 1}


def coverage_cases(seed):
    rng = random.Random(seed)
    cases = [coverage_case(rng) for _ in range(COUNT)]
    # The reference examples, explicitly: three 3x3 (7), rates (2,2,2) grid, (1,2,3) cover.
    for rates in ((1, 1, 1), (2, 2, 2), (1, 2, 3), (1, 2, 9), (1, 2, 5)):
        layers = [{'kind': 'Conv1d', 'kernel': 3, 'dilation': r, 'stride': 1, 'padding': 0} for r in rates]
        cases.append(explicit_case(layers))
    return cases


def explicit_case(layers):
    length = 64
    model = nn.Sequential(*[build(layer) for layer in layers])
    x = torch.ones(1, 1, length, requires_grad=True)
    y = model(x)
    index = y.shape[-1] // 2
    y[0, 0, index].backward()
    reached = (x.grad[0, 0] != 0).nonzero().flatten().tolist()
    return {'layers': layers, 'inputLength': length, 'outputIndex': index, 'firstPixel': reached[0],
            'offsets': [r - reached[0] for r in reached], 'fieldSize': reached[-1] - reached[0] + 1}
