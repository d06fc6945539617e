"""Per-layer truth for a PyTorch model file, recorded by running it under real PyTorch.

Runs FILE as __main__ and records, for every call of a leaf module (one without
children), grouped by the top-level module call it happened in (the "model"):
  - line: 1-based line of the constructor call in FILE (a layer built in a helper
    function carries the helper's line: the innermost frame in FILE wins),
  - kind: the class name, path: torchinfo-style path inside the model (`layer1.0.conv1`),
  - input / output shapes and the layer's own parameter count.
If the file raises, `error` holds PyTorch's message and the line where it belongs:
the constructor of the failing layer for run-time errors, the failing constructor
call for constructor errors.

Usage: /usr/bin/python3 tools/golden/pytorch_truth.py FILE [OUT.json]
Imported by pytorch_corpus.py, pytorch_sequential200.py and pytorch_invalid.py.
"""
import ast
import contextlib
import io
import json
import os
import runpy
import sys
import traceback

import torch
import torch.nn as nn


CONTAINERS = (nn.Sequential, nn.ModuleList, nn.ModuleDict)
COMPOSITE_LAYERS = (nn.MultiheadAttention, nn.TransformerEncoderLayer, nn.TransformerDecoderLayer, nn.TransformerEncoder,
                    nn.TransformerDecoder, nn.Transformer)


def _shape_of(value):
    if isinstance(value, torch.Tensor):
        return list(value.shape)
    if isinstance(value, (tuple, list)) and value and isinstance(value[0], torch.Tensor):
        return list(value[0].shape)
    return None


def _innermost_line(path, frame):
    while frame is not None and os.path.abspath(frame.f_code.co_filename) != path:
        frame = frame.f_back
    return frame.f_lineno if frame is not None else None


def _definition_line(root, path, origin, class_lines):
    """A user class: its `class` line; a torch container built in FILE: its call line."""
    if not type(root).__module__.startswith("torch.") and type(root).__name__ in class_lines:
        return class_lines[type(root).__name__]
    return origin.get(id(root))


def _class_lines(path):
    with open(path, encoding="utf-8") as source:
        tree = ast.parse(source.read())
    return {node.name: node.lineno for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}


def _uncalled_test_functions(namespace, path):
    """Module-level functions named test... without parameters, defined in FILE (a model
    file's own smoke test, `def test(): net = ResNet18(); net(torch.randn(1, 3, 32, 32))`)."""
    found = []
    for name, value in namespace.items():
        code = getattr(value, "__code__", None)
        if (name.startswith("test") and callable(value) and code is not None
                and os.path.abspath(code.co_filename) == path and code.co_argcount == 0):
            found.append(value)
    return found


def record_file(file_path, call_tests=False):
    """Runs the file and returns the truth dict (see module docstring). With call_tests, a
    run that called no model then calls the file's parameterless test...() functions."""
    path = os.path.abspath(file_path)
    origin = {}          # id(module) -> constructor line in FILE
    constructed = []     # strong references, so ids stay unique during the run
    call_stack = []      # modules being called, outermost first
    invocations = []     # one per top-level module call
    failing = {}         # the innermost module whose call raised

    orig_init = nn.Module.__init__
    orig_call = nn.Module.__call__

    def patched_init(self, *args, **kwargs):
        orig_init(self, *args, **kwargs)
        if id(self) not in origin:
            line = _innermost_line(path, sys._getframe(1))
            if line is not None:
                origin[id(self)] = line
                constructed.append(self)

    def patched_call(self, *args, **kwargs):
        top_level = not call_stack
        if top_level:
            invocations.append({"root": self, "calls": [], "input": _shape_of(args[0]) if args else None})
        call_stack.append(self)
        # A Lazy* module becomes its base class during its first call: record the class written.
        kind = type(self).__name__
        try:
            out = orig_call(self, *args, **kwargs)
        except Exception:
            failing.setdefault("module", self)
            raise
        finally:
            call_stack.pop()
        # Leaf layers of torch.nn only: a user module without children (a Chomp1d that
        # slices its input) is interpreted through its forward(), not recorded as a layer.
        # An empty nn.Sequential() (a "no shortcut" branch) has no children but is a container.
        # Attention and transformer layers are one layer each (the engine models them whole),
        # so they are recorded with all their parameters and their sublayers are not.
        composite = isinstance(self, COMPOSITE_LAYERS)
        inside_composite = any(isinstance(module, COMPOSITE_LAYERS) for module in call_stack)
        is_torch_leaf = composite or (type(self).__module__.startswith("torch.nn") and not list(self.children())
                                      and not isinstance(self, CONTAINERS))
        if is_torch_leaf and not inside_composite and id(self) in origin:
            invocations[-1]["calls"].append({
                "module": self,
                "line": origin[id(self)],
                "kind": kind,
                "input": _shape_of(args[0]) if args else None,
                "output": _shape_of(out),
                "params": sum(p.numel() for p in self.parameters(recurse=composite)),
            })
        if top_level:
            # a model returning a tuple, list or dict has no single output shape
            invocations[-1]["output"] = list(out.shape) if isinstance(out, torch.Tensor) else None
        return out

    nn.Module.__init__ = patched_init
    nn.Module.__call__ = patched_call
    torch.manual_seed(0)
    error = None
    globals_after = {}
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            globals_after = runpy.run_path(path, run_name="__main__")
            if call_tests and not invocations:
                for test in _uncalled_test_functions(globals_after, path):
                    test()
    except Exception as exc:  # the invalid fixtures raise on purpose
        module = failing.get("module")
        if module is not None and id(module) in origin:
            line = origin[id(module)]
        else:
            # A constructor error: the innermost frame in FILE is the failing call.
            lines = [ln for f, ln in traceback.walk_tb(exc.__traceback__)
                     if os.path.abspath(f.f_code.co_filename) == path]
            line = lines[-1] if lines else None
        error = {"line": line, "type": type(exc).__name__, "message": str(exc)}
    finally:
        nn.Module.__init__ = orig_init
        nn.Module.__call__ = orig_call

    names = {}
    for name, value in globals_after.items():
        if isinstance(value, nn.Module) and not name.startswith("_"):
            names.setdefault(id(value), name)

    class_lines = _class_lines(path)
    models = []
    for inv in invocations:
        root = inv["root"]
        paths = {id(m): name for name, m in root.named_modules()}
        layers = [{
            "path": paths.get(id(c["module"]), ""),
            "kind": c["kind"],
            "line": c["line"],
            "input": c["input"],
            "output": c["output"],
            "params": c["params"],
        } for c in inv["calls"]]
        models.append({
            "name": names.get(id(root), type(root).__name__),
            "className": type(root).__name__,
            "line": _definition_line(root, path, origin, class_lines),
            "input": inv["input"],
            "output": inv.get("output"),
            "totalParams": sum(p.numel() for p in root.parameters()),
            "layers": layers,
        })
    return {
        "file": os.path.basename(path),
        "torch": torch.__version__,
        "models": models,
        "error": error,
    }


def dumps(data):
    """JSON with one layer per line: readable in a diff, small on disk."""
    compact = lambda value: json.dumps(value, separators=(", ", ": "))
    out = ["{"]
    for key in ("file", "torch"):
        out.append(f' "{key}": {compact(data[key])},')
    out.append(' "models": [')
    for m_index, model in enumerate(data["models"]):
        head = {k: v for k, v in model.items() if k != "layers"}
        out.append("  " + compact(head)[:-1] + ', "layers": [')
        for l_index, layer in enumerate(model["layers"]):
            comma = "," if l_index < len(model["layers"]) - 1 else ""
            out.append("   " + compact(layer) + comma)
        out.append("  ]}" + ("," if m_index < len(data["models"]) - 1 else ""))
    out.append(" ],")
    out.append(f' "error": {compact(data["error"])}')
    out.append("}")
    return "\n".join(out) + "\n"


def write_json(data, out_path):
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(dumps(data))


if __name__ == "__main__":
    result = record_file(sys.argv[1])
    if len(sys.argv) > 2:
        write_json(result, sys.argv[2])
    else:
        sys.stdout.write(dumps(result))
