"""Truth for the dataflow graphs the Python front end builds for PyTorch models.

Each model source in test/fixtures/torch/graphs/*.py is traced by torch.fx (the framework's
own graph of the forward pass) and its node shapes are filled in by ShapeProp. Each graph is
written next to it as <name>.json with the nodes normalised to the analysis's names:
module calls keep their path (a repeated call gets `#2`), functions with an nn twin take the
twin's class name (`F.relu` -> ReLU), every other op its kind (`operator.add` -> add,
`x.view` -> reshape, `chunk` -> split). Non-tensor nodes (`x.size(0)`) are left out, and a
`getitem` of a split's result is the split's output number, not a node.

For the small models it also writes real activations: <name>.pt (torch.save of seeded
weights and batch-norm statistics), <name>_input.safetensors and
<name>_activations.safetensors, every node's output in eval mode (torch.fx's Interpreter),
keyed by the analysis's node ids (`conv1`, `relu:1`, `add:1`, `split:1/1` for a second output).

Run with /usr/bin/python3 (torch 1.13, torchvision 0.14.1): npm run golden:torchgraphs
"""
import json
import pathlib
import struct
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


def save_safetensors(path, tensors):
    """A tiny safetensors writer (the `safetensors` package is not installed)."""
    header, chunks, offset = {}, [], 0
    for name, tensor in tensors.items():
        raw = tensor.detach().to(torch.float32).contiguous().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(chunks))


def activations_of(traced, graph, x):
    """Every node's output as torch.fx's Interpreter computes it, keyed by the analysis's node ids."""
    values = {}

    class Recorder(torch.fx.Interpreter):
        def run_node(self, node):
            result = super().run_node(node)
            # A copy: an in-place op later (`F.relu(x, inplace=True)`) would rewrite the recorded tensor.
            copy = lambda value: value.clone() if isinstance(value, torch.Tensor) else value  # noqa: E731
            values[node] = [copy(part) for part in result] if isinstance(result, (list, tuple)) else copy(result)
            return result

    with torch.no_grad():
        Recorder(traced).run(x)
    tensors = {}
    for fx_node, (index, output) in graph["fx"].items():
        node = graph["nodes"][index]
        if node["kind"] == "input" or output != 0:
            continue
        value = values[fx_node]
        for part, tensor in enumerate(value if isinstance(value, (list, tuple)) else [value]):
            tensors[node["id"] + (f"/{part}" if part else "")] = tensor
    return tensors


def graph_of(traced, input_shape):
    ShapeProp(traced).propagate(torch.randn(*input_shape))
    nodes, where, calls, numbers = [], {}, {}, {}

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
            nodes.append({"id": "input" if len(nodes) == 0 else f"input:{len(nodes)}", "kind": "input", "inputs": [], "shapes": shapes})
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
        if "id" not in entry:
            prefix = entry["kind"].lower()
            numbers[prefix] = numbers.get(prefix, 0) + 1
            entry["id"] = f"{prefix}:{numbers[prefix]}"
        where[node] = [len(nodes), 0]
        nodes.append(entry)
    return {"nodes": nodes, "outputs": outputs, "fx": where}


def model_of(path):
    scope = runpy.run_path(str(path), run_name="truth")
    if isinstance(scope.get("model"), nn.Module):
        return scope["model"]
    classes = [value for value in scope.values() if isinstance(value, type) and issubclass(value, nn.Module) and value.__module__ == "truth"]
    return classes[-1]()


def seeded(model):
    """Random batch-norm statistics and affine weights, so a preview that skipped them would differ."""
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.modules.batchnorm._BatchNorm):
                module.running_mean.copy_(torch.randn_like(module.running_mean) * 0.3)
                module.running_var.copy_(torch.rand_like(module.running_var) + 0.5)
                module.weight.copy_(torch.randn_like(module.weight))
                module.bias.copy_(torch.randn_like(module.bias) * 0.2)
    return model.eval()


def main():
    for index, path in enumerate(sorted(FIXTURES.glob("*.py"))):
        torch.manual_seed(200 + index)
        input_shape = [int(size) for size in re.search(r"torch\.randn\(([\d, ]+)\)", path.read_text()).group(1).split(",")]
        model = seeded(model_of(path))
        traced = torch.fx.symbolic_trace(model)
        traced_graph = graph_of(traced, input_shape)
        fx = traced_graph.pop("fx")
        graph = {"source": path.name, "input": input_shape, **traced_graph}
        path.with_suffix(".json").write_text(json.dumps(graph, indent=1) + "\n")
        note = ""
        if sum(p.numel() for p in model.parameters()) < 1_000_000:
            x = torch.randn(*input_shape)
            activations = activations_of(traced, {**graph, "fx": fx}, x)
            torch.save(model.state_dict(), path.with_suffix(".pt"))
            save_safetensors(path.with_name(path.stem + "_input.safetensors"), {"input": x})
            save_safetensors(path.with_name(path.stem + "_activations.safetensors"), activations)
            note = f", {len(activations)} activations"
        print(f"{path.name}: {len(graph['nodes'])} nodes{note}")


if __name__ == "__main__":
    main()
