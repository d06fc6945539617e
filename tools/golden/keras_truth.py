# The Keras truth recorder: runs one model file with real Keras 3 and prints its layers.
# This is the team's shared recorder, copied unchanged below this header (it is the
# counterpart of the PyTorch recorder used by the other generators); tools/golden/keras_fixtures.py
# drives it over every Keras fixture. Setup of real Keras 3: see docs/testing.md.
"""Run a Keras model file as __main__ with REAL Keras 3 and record, for every
symbolic layer call, the line of the file where that layer object was
constructed, its class name, input and output shapes (None where Keras leaves
the batch open) and its own count_params(). Prints JSON.

Needs the setup in KERAS_TRUTH.md (Keras 3 source tree + optree + ml_dtypes on
PYTHONPATH, Debian's python3-numpy/scipy/absl/rich/h5py/packaging), run with
/usr/bin/python3. The backend is numpy (KERAS_BACKEND defaults to numpy here).

Shims, all visible in the output ("shims", "shape_only_kernel_calls"):
  * jax: Keras' numpy backend imports jax at module level (convolution kernels,
    fft). jax cannot be installed here, so a stub satisfies the import and
    raises RuntimeError("jax is not installed ...") if anything calls it. Shape
    inference of the built-in layers never does (they implement
    compute_output_shape).
  * shape-only kernels: when a custom layer's call() runs conv/pool while Keras
    infers its output (on placeholder arrays), the numpy backend's conv,
    depthwise_conv, conv_transpose, max_pool and average_pool return zeros of
    the shape Keras' own shape functions give (counted per kernel).
  * tensorflow (only when `import tensorflow` fails): `tensorflow.keras[.*]`
    is mapped onto Keras 3 (what tf.keras is since TF 2.16); any other `tf.`
    attribute raises RuntimeError("tensorflow is not installed ...") when used,
    and Keras itself is told that tensorflow is absent.

Calls made inside a custom layer's call() while Keras infers its output
(numpy backend: on placeholder arrays, unknown dims filled with 83/89) are
recorded with "nested": true and 83/89 mapped back to None.

A layer called several times with the same shapes (e.g. Sequential rebuilding
itself on every add()) is recorded once; a shared layer called on inputs of
different shapes is recorded once per distinct shape.

Usage: python3 keras_truth.py MODEL.py        -> JSON on stdout
       import keras_truth; keras_truth.install_shims()   (interactive use)
"""
import contextlib
import importlib
import importlib.abc
import importlib.util
import io
import itertools
import json
import os
import runpy
import sys
import traceback
import types
import weakref

SHIMS = []


class _Missing:
    """Attribute chain of a module that is not installed; raises when called."""

    def __init__(self, pkg, name):
        self._pkg = pkg
        self._name = name

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return _Missing(self._pkg, self._name + "." + attr)

    def __call__(self, *a, **k):
        raise RuntimeError(
            f"{self._pkg} is not installed; the model needed {self._name}"
        )

    def __mro_entries__(self, bases):
        raise RuntimeError(
            f"{self._pkg} is not installed; the model subclasses {self._name}"
        )

    def __repr__(self):
        return f"<missing {self._name}>"


def _stub_module(pkg, name):
    m = types.ModuleType(name)

    def __getattr__(attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return _Missing(pkg, name + "." + attr)

    m.__getattr__ = __getattr__
    m.__path__ = []  # a package, so `import name.sub` reaches the finder
    return m


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves `jax`, `jax.*` (and keras' jax-backend math module) as stubs;
    maps `tensorflow.keras[.*]` onto `keras[.*]` and stubs the rest of
    `tensorflow.*` when tensorflow itself is absent."""

    def __init__(self, with_tf):
        self.with_tf = with_tf

    def find_spec(self, fullname, path=None, target=None):
        root = fullname.split(".")[0]
        if root == "jax":
            return importlib.util.spec_from_loader(fullname, self)
        if self.with_tf and root == "tensorflow":
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        name = spec.name
        if name == "tensorflow.keras" or name.startswith("tensorflow.keras."):
            real = "keras" + name[len("tensorflow.keras"):]
            try:
                return importlib.import_module(real)
            except ImportError:
                return _stub_module("tensorflow", name)
        if name == "tensorflow":
            m = _stub_module("tensorflow", name)
            m.keras = importlib.import_module("keras")
            # keras asks this whenever "tensorflow" is in sys.modules; there
            # is no graph mode without tensorflow.
            m.executing_eagerly = lambda: True
            return m
        pkg = "tensorflow" if name.startswith("tensorflow") else "jax"
        return _stub_module(pkg, name)

    def exec_module(self, module):
        pass


_installed = False


def install_shims():
    global _installed
    if _installed:
        return
    _installed = True
    os.environ.setdefault("KERAS_BACKEND", "numpy")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with_tf = importlib.util.find_spec("tensorflow") is None
    sys.meta_path.insert(0, _StubFinder(with_tf))
    # keras/src/backend/numpy/math.py imports fft/fft2 from the jax backend;
    # importing that module through the normal machinery would first run the
    # whole jax backend package, so its entry is placed directly.
    sys.modules.setdefault(
        "keras.src.backend.jax.math",
        _stub_module("jax", "keras.src.backend.jax.math"),
    )
    SHIMS.append("jax")
    if with_tf:
        SHIMS.append("tensorflow")
        # keras probes tensorflow through a LazyModule (`tf.available`, then
        # isinstance(x, tf.TensorShape) ...): tell it the truth, that
        # tensorflow is absent, whatever the model file imports.
        from keras.src.utils import module_utils

        module_utils.tensorflow._available = False
        module_utils.gfile._available = False


SHAPE_ONLY_CALLS = {}


def install_shape_only_kernels():
    """Keras' numpy backend computes conv/pool VALUES with jax.lax. When a
    custom layer's call() runs such a kernel while Keras infers its output
    spec, return zeros of the shape that Keras' own shape functions give (the
    same ones ops.conv/ops.max_pool/... use symbolically). Counted in
    SHAPE_ONLY_CALLS; values are zeros, shapes are Keras'."""
    import numpy as np
    from keras.src.backend import standardize_data_format
    from keras.src.backend.common.backend_utils import (
        check_conv_input_channels,
        check_conv_transpose_input_channels,
        compute_conv_transpose_output_shape,
    )
    from keras.src.backend.numpy import nn as np_nn
    from keras.src.ops import operation_utils as ou

    def note(name):
        SHAPE_ONLY_CALLS[name] = SHAPE_ONLY_CALLS.get(name, 0) + 1

    def conv(inputs, kernel, strides=1, padding="valid", data_format=None,
             dilation_rate=1):
        note("conv")
        df = standardize_data_format(data_format)
        check_conv_input_channels(inputs, kernel, df)
        shp = ou.compute_conv_output_shape(
            inputs.shape, kernel.shape[-1], kernel.shape[:-2], strides,
            padding, df, dilation_rate)
        return np.zeros(shp, dtype=inputs.dtype)

    def depthwise_conv(inputs, kernel, strides=1, padding="valid",
                       data_format=None, dilation_rate=1):
        note("depthwise_conv")
        df = standardize_data_format(data_format)
        check_conv_input_channels(inputs, kernel, df)
        shp = ou.compute_conv_output_shape(
            inputs.shape, kernel.shape[-1] * kernel.shape[-2],
            kernel.shape[:-2], strides, padding, df, dilation_rate)
        return np.zeros(shp, dtype=inputs.dtype)

    def conv_transpose(inputs, kernel, strides=1, padding="valid",
                       output_padding=None, data_format=None, dilation_rate=1):
        note("conv_transpose")
        df = standardize_data_format(data_format)
        check_conv_transpose_input_channels(inputs, kernel, df)
        shp = compute_conv_transpose_output_shape(
            inputs.shape, kernel.shape[:-2], kernel.shape[-2], strides,
            padding, output_padding, df, dilation_rate)
        return np.zeros(shp, dtype=inputs.dtype)

    def pool(name):
        def f(inputs, pool_size, strides=None, padding="valid",
              data_format=None):
            note(name)
            df = standardize_data_format(data_format)
            shp = ou.compute_pooling_output_shape(
                inputs.shape, pool_size, strides, padding, df)
            return np.zeros(shp, dtype=inputs.dtype)
        return f

    np_nn.conv = conv
    np_nn.depthwise_conv = depthwise_conv
    np_nn.conv_transpose = conv_transpose
    np_nn.max_pool = pool("max_pool")
    np_nn.average_pool = pool("average_pool")


def _shape(x):
    from keras.src import backend

    if isinstance(x, (list, tuple)):
        if x and all(hasattr(e, "shape") for e in x):
            return [_shape(e) for e in x]
        return None
    if hasattr(x, "shape") and (
        isinstance(x, backend.KerasTensor) or hasattr(x, "dtype")
    ):
        return [None if d is None else int(d) for d in x.shape]
    return None


def _first(x):
    if isinstance(x, (list, tuple)):
        return x[0] if x else None
    if isinstance(x, dict):
        return next(iter(x.values()), None)
    return x


def main(argv):
    install_shims()
    path = os.path.abspath(argv[1])
    import keras
    from keras.src import backend
    from keras.src import tree
    from keras.src.layers.layer import Layer
    from keras.src.models.model import Model

    if keras.backend.backend() == "numpy":
        install_shape_only_kernels()

    origin = weakref.WeakKeyDictionary()  # layer -> line (not id(): ids are reused)
    models = []
    records = []
    seen = set()

    direct = weakref.WeakKeyDictionary()
    serial = weakref.WeakKeyDictionary()  # layer -> unique number (the dedup key)
    counter = itertools.count()

    def construction_site(obj):
        # Leave the __init__ chain of the object itself (its own class and
        # super().__init__ calls, user-defined or keras'), then the first
        # frame in FILE is where it was constructed. "direct" when that frame
        # is the immediate caller (not keras code such as Sequential's
        # internal rebuild or keras.applications).
        f = sys._getframe(1)
        while f is not None and f.f_locals.get("self") is obj:
            f = f.f_back
        is_direct = f is not None and os.path.abspath(f.f_code.co_filename) == path
        while f is not None and os.path.abspath(f.f_code.co_filename) != path:
            f = f.f_back
        return (f.f_lineno if f is not None else None), is_direct

    orig_init = Layer.__init__

    def patched_init(self, *a, **k):
        orig_init(self, *a, **k)
        if self not in origin:
            line, is_direct = construction_site(self)
            if line is not None:
                origin[self] = line
                direct[self] = is_direct
                serial[self] = next(counter)
                if isinstance(self, Model) and is_direct:
                    models.append(self)

    Layer.__init__ = patched_init
    orig_call = Layer.__call__
    depth = [0]

    def placeholder_dims(shape):
        # Inside a symbolic call of a custom layer, Keras' numpy backend runs
        # call() on arrays whose unknown dims are filled with 83 (and 89).
        if shape is None:
            return None
        if shape and isinstance(shape[0], list):
            return [placeholder_dims(x) for x in shape]
        return [None if d in (83, 89) else d for d in shape]

    def patched_call(self, *args, **kw):
        flat_in = tree.flatten((args, kw))
        symbolic = any(isinstance(t, backend.KerasTensor) for t in flat_in)
        depth[0] += 1
        try:
            out = orig_call(self, *args, **kw)
        finally:
            depth[0] -= 1
        try:
            nested = not symbolic and depth[0] > 0
            if (symbolic or nested) and self in origin:
                first_in = args[0] if args else _first(list(kw.values()))
                fix = placeholder_dims if nested else (lambda x: x)
                rec = {
                    "line": origin[self],
                    "kind": type(self).__name__,
                    "name": self.name,
                    "input": fix(_shape(first_in)),
                    "output": fix(_shape(_first(out))),
                    "params": int(self.count_params()) if self.built else None,
                    "user": not type(self).__module__.startswith("keras."),
                }
                if not direct.get(self, True):
                    rec["direct"] = False
                if nested:
                    rec["nested"] = True
                if isinstance(out, (list, tuple)) and len(out) > 1:
                    rec["outputs"] = _shape(out)
                if isinstance(self, Model):
                    rec["container"] = True
                key = (serial[self], json.dumps(rec["input"]), json.dumps(rec["output"]))
                if key not in seen:
                    seen.add(key)
                    records.append(rec)
        except Exception as e:  # recording must never change the outcome
            records.append({"line": origin.get(self), "kind": type(self).__name__,
                            "record_error": repr(e)})
        return out

    Layer.__call__ = patched_call

    error = None
    buf = io.StringIO()
    sys.argv = [path] + argv[2:]
    try:
        with contextlib.redirect_stdout(buf):
            runpy.run_path(path, run_name="__main__")
    except BaseException as e:  # noqa: BLE001 - report whatever the file raised
        tb = traceback.extract_tb(e.__traceback__)
        line = None
        for fr in tb:
            if os.path.abspath(fr.filename) == path:
                line = fr.lineno
        msg = str(e)
        # keras wraps messages with ANSI bold; strip it
        msg = msg.replace("\x1b[1m", "").replace("\x1b[0m", "")
        error = {"type": type(e).__name__, "message": msg, "line": line}

    model_recs = []
    for m in models:
        entry = {"line": origin[m], "kind": type(m).__name__, "name": m.name}
        try:
            entry["params"] = int(m.count_params()) if m.built else None
        except Exception:
            entry["params"] = None
        try:
            entry["output"] = _shape(_first(m.outputs)) if m.built else None
        except Exception:
            entry["output"] = None
        model_recs.append(entry)

    out = {
        "file": os.path.basename(path),
        "keras": keras.__version__,
        "backend": keras.backend.backend(),
        "shims": SHIMS,
        "shape_only_kernel_calls": SHAPE_ONLY_CALLS,
        "layers": records,
        "models": model_recs,
    }
    if error is not None:
        out["error"] = error
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv)
