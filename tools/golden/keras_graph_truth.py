"""Real Keras 3 feature-map truth for the channels-last graph runner.

For each model file in test/fixtures/graphs/keras/ (each defines build_model()), builds the
model with real Keras 3, gives it seeded weights (and BatchNormalization moving statistics
away from 0 / 1, so inference normalisation is tested), runs it on a seeded input and
records every layer's output. Writes, beside the model file:

  <name>.weights.safetensors      every weight as `<layer name>.<weight name>` (conv2d.kernel,
                                   batch_normalization.moving_mean), the names our matcher takes
  <name>.activations.safetensors  `input`, then each layer's output under its layer name

Needs real Keras 3, found as golden:keras finds it (KERAS_ENV=<folder of env.sh>, or an
exported PYTHONPATH; see docs/testing.md). Each model is recorded in a fresh Python. Keras's numpy backend cannot run convolutions (they need jax), so
this runs Keras on its torch backend over Debian's torch 1.13: the few names Keras 3.15
expects from a newer torch are shimmed below (dtype names, torch._dynamo, pytree via
optree, SymInt); Keras's own layer code, padding rules and weight layouts run unchanged.

Usage: KERAS_ENV=DIR /usr/bin/python3 tools/golden/keras_graph_truth.py [name]
"""
import importlib.abc
import importlib.util
import json
import os
import runpy
import struct
import subprocess
import sys
import types

import numpy as np
import torch

os.environ["KERAS_BACKEND"] = "torch"
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
FIXTURES = os.path.join(ROOT, "test", "fixtures", "graphs", "keras")


def shim_torch():
    """The names Keras 3.15's torch backend reads that torch 1.13 does not have."""
    for name in ["float8_e4m3fn", "float8_e5m2", "float8_e4m3fnuz", "float8_e5m2fnuz", "uint16", "uint32", "uint64"]:
        if not hasattr(torch, name):
            setattr(torch, name, torch.float32 if name.startswith("float") else torch.int64)
    for name in ("SymInt", "SymFloat", "SymBool"):
        if not hasattr(torch, name):
            setattr(torch, name, type(name, (), {}))  # never an instance: torch 1.13 has no symbolic sizes
    if "torch._dynamo" not in sys.modules:
        dynamo = types.ModuleType("torch._dynamo")
        dynamo.disable = lambda fn=None, *a, **k: fn if fn is not None else (lambda f: f)
        dynamo.is_compiling = lambda: False
        dynamo.reset = lambda: None
        sys.modules["torch._dynamo"] = dynamo
        torch._dynamo = dynamo

    class TreeAlias(importlib.abc.MetaPathFinder):
        """Keras picks torchtree_impl for torch (torch >= 2.2's pytree API); optree_impl does the same job."""

        def find_spec(self, name, path, target=None):
            if name != "keras.src.tree.torchtree_impl" or not path:
                return None
            return importlib.util.spec_from_file_location(name, os.path.join(path[0], "optree_impl.py"))

    sys.meta_path.insert(0, TreeAlias())


def write_safetensors(path, tensors):
    """float32 tensors, header padded to 8 bytes (as the reference writer)."""
    header, offset, blobs = {}, 0, []
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def record(name, keras):
    """Seeded weights, a seeded input, and every layer's output, for one model file."""
    model = runpy.run_path(os.path.join(FIXTURES, f"{name}.py"))["model"]
    rng = np.random.default_rng(1)
    weights = {}
    for layer in model.layers:
        values = []
        for variable in layer.weights:
            shape = tuple(variable.shape)
            short = variable.path.split("/")[-1]
            if short in ("moving_variance", "gamma"):
                value = rng.uniform(0.5, 1.5, shape)
            elif len(shape) >= 2:
                # glorot_uniform's scale, so activations stay in range through the model.
                field = int(np.prod(shape[:-2]))
                limit = np.sqrt(6 / (shape[-2] * field + shape[-1] * field))
                value = rng.uniform(-limit, limit, shape)
            else:
                value = rng.uniform(-0.5, 0.5, shape)
            value = value.astype("float32")
            values.append(value)
            weights[f"{layer.name}.{short}"] = value
        if values:
            layer.set_weights(values)
    x = rng.uniform(-1, 1, (1, *model.input.shape[1:])).astype("float32")
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    probe = keras.Model(model.inputs, [layer.output for layer in layers])
    outputs = probe(x, training=False)
    activations = {"input": x}
    for layer, output in zip(layers, outputs):
        activations[layer.name] = np.asarray(keras.ops.convert_to_numpy(output))
    write_safetensors(os.path.join(FIXTURES, f"{name}.weights.safetensors"), weights)
    write_safetensors(os.path.join(FIXTURES, f"{name}.activations.safetensors"), activations)
    print(f"{name}: {len(layers)} layer outputs, {len(weights)} weight tensors (keras {keras.__version__}, {keras.backend.backend()} backend)")


def main():
    if len(sys.argv) > 1:
        shim_torch()
        import keras

        record(sys.argv[1], keras)
        return
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from keras_fixtures import keras_environment

    env = {**keras_environment(), "KERAS_BACKEND": "torch"}
    for name in ["unet", "layers", "sequence", "resnet"]:
        subprocess.run(["/usr/bin/python3", "-W", "ignore", os.path.abspath(__file__), name], env=env, check=True)


if __name__ == "__main__":
    main()
