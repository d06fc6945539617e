"""Truth for the dataflow graphs the Python front end builds for PyTorch models.

Each model source in test/fixtures/torch/graphs/*.py is traced by torch.fx (the framework's
own graph of the forward pass) and its node shapes are filled in by ShapeProp. Each graph is
written next to it as <name>.json with the nodes normalised to the analysis's names:
module calls keep their path (a repeated call gets `#2`), functions with an nn twin take the
twin's class name (`F.relu` -> ReLU), every other op its kind (`operator.add` -> add,
`x.view` -> reshape, `chunk` -> split). Non-tensor nodes (`x.size(0)`) are left out, and a
`getitem` of a split's result is the split's output number, not a node.

Run with /usr/bin/python3 (torch 1.13, torchvision 0.14.1): npm run golden:torchgraphs
"""
import json
import operator
import pathlib
import re
import runpy

import torch
import torch.fx
import torch.nn as nn
import torch.nn.functional as F
from torch.fx.passes.shape_prop import ShapeProp

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "test" / "fixtures" / "torch" / "graphs"

# Functions and methods with an nn twin, and the op kinds of the rest (see src/engine/graph/opKinds.ts).
TWINS = {
    "relu": "ReLU", "hardswish": "Hardswish", "hardsigmoid": "Hardsigmoid", "sigmoid": "Sigmoid",
    "tanh": "Tanh", "max_pool2d": "MaxPool2d", "avg_pool2d": "AvgPool2d",
    "adaptive_avg_pool2d": "AdaptiveAvgPool2d", "flatten": "Flatten", "softmax": "Softmax",
    "interpolate": "Upsample",
}
OPS = {
    "add": "add", "iadd": "add", "sub": "sub", "isub": "sub", "mul": "mul", "imul": "mul",
    "truediv": "div", "div": "div", "matmul": "matmul", "neg": "neg", "cat": "cat", "stack": "stack",
    "view": "reshape", "reshape": "reshape", "squeeze": "reshape", "unsqueeze": "reshape",
    "permute": "permute", "transpose": "permute", "expand": "expand", "chunk": "split",
    "split": "split", "mean": "mean", "sum": "sum", "pad": "pad", "getitem": "getitem",
    "contiguous": "identity",
}


def op_name(node):
    target = node.target
    name = target if isinstance(target, str) else getattr(target, "__name__", str(target))
    return name.strip("_")


def shapes_of(node):
    meta = node.meta.get("tensor_meta")
    if meta is None:
        return None
    if hasattr(meta, "shape"):
        return [list(meta.shape)]
    if isinstance(meta, (list, tuple)) and all(hasattr(item, "shape") for item in meta):
        return [list(item.shape) for item in meta]
    return None


def graph_of(model, input_shape):
    traced = torch.fx.symbolic_trace(model)
    ShapeProp(traced).propagate(torch.randn(*input_shape))
    nodes, where, calls = [], {}, {}

    def edges(args):
        found = []
        for arg in args:
            if isinstance(arg, (list, tuple)):
                found.extend(edges(arg))
            elif isinstance(arg, torch.fx.Node) and arg in where:
                found.append(where[arg])
        return found

    for node in traced.graph.nodes:
        if node.op == "output":
            outputs = edges([node.args[0]])
            continue
        shapes = shapes_of(node)
        if node.op == "placeholder":
            where[node] = [len(nodes), 0]
            nodes.append({"kind": "input", "inputs": [], "shapes": shapes})
            continue
        if shapes is None:
            continue
        name = op_name(node)
        source = node.args[0] if node.args else None
        if name == "getitem" and isinstance(source, torch.fx.Node) and source in where and shapes_of(source) is not None and len(shapes_of(source)) > 1:
            where[node] = [where[source][0], node.args[1]]
            continue
        entry = {"inputs": edges(list(node.args) + list(node.kwargs.values())), "shapes": shapes}
        if node.op == "call_module":
            module = traced.get_submodule(node.target)
            calls[node.target] = calls.get(node.target, 0) + 1
            entry["kind"] = type(module).__name__
            entry["id"] = node.target + (f"#{calls[node.target]}" if calls[node.target] > 1 else "")
        elif name in TWINS:
            entry["kind"] = TWINS[name]
        elif name in OPS:
            entry["kind"] = OPS[name]
        else:
            raise SystemExit(f"no normalised name for {node.op} {name}")
        where[node] = [len(nodes), 0]
        nodes.append(entry)
    return {"nodes": nodes, "outputs": outputs}


def model_of(path):
    scope = runpy.run_path(str(path), run_name="truth")
    if isinstance(scope.get("model"), nn.Module):
        return scope["model"]
    classes = [value for value in scope.values() if isinstance(value, type) and issubclass(value, nn.Module) and value.__module__ == "truth"]
    return classes[-1]()


def main():
    torch.manual_seed(0)
    for path in sorted(FIXTURES.glob("*.py")):
        input_shape = [int(size) for size in re.search(r"torch\.randn\(([\d, ]+)\)", path.read_text()).group(1).split(",")]
        model = model_of(path).eval()
        graph = {"source": path.name, "input": input_shape, **graph_of(model, input_shape)}
        path.with_suffix(".json").write_text(json.dumps(graph, indent=1) + "\n")
        print(f"{path.name}: {len(graph['nodes'])} nodes")


if __name__ == "__main__":
    main()
