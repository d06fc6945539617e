"""PyTorch's activations of real models, as summaries, for the graph runner's numeric oracle.

Each model in test/fixtures/torch/realGraphs/*.py (torchvision's builders through their own
source, and real-corpus networks imported from test/fixtures/pytorch/real/) gets weights and
an input generated from a seed by a counter-based generator that test/support/seededTensors.ts
implements identically: the weights of a ResNet-18 are 47 MB, far too big to commit, so both
sides make the same ones. Every node's output under torch.fx's Interpreter (eval mode), keyed
by the analysis's node ids as tools/golden/torch_graphs.py names them, is summarised as its
shape, mean, std, min, max and 32 values at seeded positions, in <name>.json, with the
names and shapes of the state_dict's tensors.

The generator: key = fmix32(fnv1a32(name) ^ seed); element i is
u = (fmix32(key + i * 0x9E3779B9) >> 8) / 2^24 in [0, 1) and s = 2u - 1. A weight of two or
more dimensions is s * sqrt(6 / fan_in) (Kaiming's bound for ReLU networks, fan_in = product
of the dimensions after the first); a one-dimensional `weight` (a norm's scale) 1 + s / 4; a
`bias` or `running_mean` s / 10; a `running_var` 1 + s / 2; the input s. The values are
computed in float64 and rounded to float32. Sample positions of node ID: floor(u * size)
for the first 32 values of the name `sample:ID`.

Run with /usr/bin/python3 (torch 1.13, torchvision 0.14.1): npm run golden:realgraphs
"""
import json
import math
import os
import pathlib
import re
import runpy
import sys
import tempfile

import numpy as np
import torch
import torch.fx
import torch.nn.functional as F

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import torch_graphs  # noqa: E402  (the fx-to-node-id mapping the small graphs use)

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "test" / "fixtures" / "torch" / "realGraphs"
REAL = ROOT / "test" / "fixtures" / "pytorch" / "real"
SEED = 16
SAMPLES = 32
# Models importing real-corpus code: the folder their import resolves from.
PYTHON_PATHS = {
    "milesial_unet": "milesial__Pytorch-UNet",
    "lenet": "pytorch__examples/mnist",
    "dcgan_generator": "eriklindernoren__PyTorch-GAN/implementations/dcgan",
}
# Functional twins the small graphs do not use (see src/frontends/python/core/graphTwins.ts).
torch_graphs.TWINS.update({
    "log_softmax": "LogSoftmax", "dropout": "Dropout", "leaky_relu": "LeakyReLU", "relu6": "ReLU6",
    "silu": "SiLU", "gelu": "GELU",
})

MASK = np.uint64(0xFFFFFFFF)


def fmix32(h):
    """murmur3's finaliser on uint64 arrays holding 32-bit values (products are masked back)."""
    h = h ^ (h >> np.uint64(16))
    h = (h * np.uint64(0x85EBCA6B)) & MASK
    h = h ^ (h >> np.uint64(13))
    h = (h * np.uint64(0xC2B2AE35)) & MASK
    return h ^ (h >> np.uint64(16))


def fnv1a32(name):
    h = 0x811C9DC5
    for byte in name.encode():
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def uniform(name, count):
    """`count` values in [0, 1) for `name`, as float64."""
    key = fmix32(np.array([fnv1a32(name) ^ SEED], dtype=np.uint64))[0]
    index = np.arange(count, dtype=np.uint64)
    bits = fmix32((key + index * np.uint64(0x9E3779B9)) & MASK)
    return (bits >> np.uint64(8)).astype(np.float64) / 16777216.0


def seeded_tensor(name, shape):
    signed = 2 * uniform(name, int(np.prod(shape, dtype=np.int64))) - 1
    last = name.rsplit(".", 1)[-1]
    if len(shape) >= 2:
        values = signed * math.sqrt(6 / int(np.prod(shape[1:])))
    elif last == "weight":
        values = 1 + signed / 4
    elif last in ("bias", "running_mean"):
        values = signed / 10
    elif last == "running_var":
        values = 1 + signed / 2
    else:
        values = signed
    return torch.from_numpy(values.astype(np.float32).reshape(shape))


def summary(tensor, node_id):
    flat = tensor.detach().to(torch.float64).reshape(-1).numpy()
    positions = np.floor(uniform(f"sample:{node_id}", SAMPLES) * flat.size).astype(np.int64)
    # Seven significant digits: float32's precision, far below the 1e-4 tolerance.
    short = lambda value: float(f"{value:.7g}")  # noqa: E731
    return {
        "shape": list(tensor.shape),
        "mean": short(flat.mean()), "std": short(flat.std()), "min": short(flat.min()), "max": short(flat.max()),
        "samples": [short(flat[p]) for p in positions],
    }


def load_model(path):
    folder = PYTHON_PATHS.get(path.stem)
    argv, cwd = sys.argv, os.getcwd()
    if folder:
        sys.path.insert(0, str(REAL / folder))
    # The DCGAN script parses the command line and makes an `images` folder when imported.
    sys.argv = [path.name]
    with tempfile.TemporaryDirectory() as scratch:
        os.chdir(scratch)
        try:
            scope = runpy.run_path(str(path), run_name="truth")
        finally:
            os.chdir(cwd)
            sys.argv = argv
            if folder:
                sys.path.remove(str(REAL / folder))
    return scope["model"]


def traced_of(model):
    """torch.fx's trace, with F.pad kept as one node: U-Net pads by sizes computed in forward()."""
    tracer = torch.fx.Tracer(autowrap_functions=(F.pad,))
    tracer._autowrap_search.append(F)
    graph = tracer.trace(model)
    return torch.fx.GraphModule(tracer.root, graph)


def main():
    only = sys.argv[1:]
    for path in sorted(FIXTURES.glob("*.py")):
        if only and path.stem not in only:
            continue
        input_shape = [int(size) for size in re.search(r"torch\.randn\(([\d, ]+)\)", path.read_text()).group(1).split(",")]
        model = load_model(path).eval()
        with torch.no_grad():
            state = {name: seeded_tensor(name, list(value.shape)) for name, value in model.state_dict().items() if value.is_floating_point()}
        model.load_state_dict(state, strict=False)
        traced = traced_of(model)
        graph = torch_graphs.graph_of(traced, input_shape)
        x = seeded_tensor("input", input_shape)
        activations = torch_graphs.activations_of(traced, graph, x)
        truth = {
            "source": path.name,
            "pythonPath": f"test/fixtures/pytorch/real/{PYTHON_PATHS[path.stem]}" if path.stem in PYTHON_PATHS else None,
            "input": input_shape,
            "seed": SEED,
            "fxNodes": len(graph["nodes"]),
            # The state_dict's floating-point tensors: what test/support/seededTensors.ts generates.
            "weights": [[name, list(value.shape)] for name, value in state.items()],
            "nodes": {key: summary(value, key) for key, value in activations.items()},
        }
        path.with_suffix(".json").write_text(json.dumps(truth, separators=(",", ":")) + "\n")
        print(f"{path.name}: {len(graph['nodes'])} fx nodes, {len(activations)} activations")


if __name__ == "__main__":
    main()
