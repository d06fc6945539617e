"""Truth for models nothing feeds and for code nothing calls (test/fixtures/unknowns/).

1. Inferred inputs: for each model file, real PyTorch finds the smallest square (1-d: the
   smallest length) input that the model accepts, scanning sizes from 1 up on the meta device,
   then confirms on the CPU that this size runs and that the next smaller one raises. Records
   the input, the output shape, the parameter count and the error of the smaller size.
2. Invalid configurations: every case of invalid_configs.py is run (a function call, a builder
   with arguments, a class needing arguments); PyTorch's exception message is recorded with the
   line the error belongs to: the constructor of the leaf layer that raised (as the invalid
   corpus does), else the line of the file where it was raised.

Writes test/fixtures/unknowns/truth.json. Usage: /usr/bin/python3 tools/golden/unknowns_truth.py
"""
import importlib.util
import json
import os
import sys
import traceback
import weakref

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(os.path.dirname(HERE)), "test", "fixtures", "unknowns")

# file -> (model class, spatial rank, largest size scanned)
MODELS = {
    "lenet.py": ("Net", 2, 256),
    "mnist_net.py": ("Net", 2, 256),
    "audio_m5.py": ("M5", 1, 20000),
    "unet_pix2pix.py": ("GeneratorUNet", 2, 512),
}

# case -> the Python expression that runs it, in the module's namespace
INVALID = {
    "case_wrong_channels": "case_wrong_channels()",
    "case_wrong_image_size": "case_wrong_image_size()",
    "case_groups": "case_groups()",
    "case_same_strided": "case_same_strided()",
    "case_kernel_too_large": "case_kernel_too_large()",
    "case_output_padding": "case_output_padding()",
    "case_padding_mode": "case_padding_mode()",
    "case_negative_padding": "case_negative_padding()",
    "case_concat": "case_concat()",
    "case_view": "case_view()",
    "case_pool_padding": "case_pool_padding()",
    "case_reflect_padding": "case_reflect_padding()",
    "case_batchnorm_features": "case_batchnorm_features()",
    "case_transposed_padding_mode": "case_transposed_padding_mode()",
    "make_stem": "make_stem(16)",
    "Head": "Head(64, 10)",
}


def load(name):
    path = os.path.join(FIXTURES, name)
    spec = importlib.util.spec_from_file_location(name[:-3], path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, path


def first_channels(model):
    for layer in model.modules():
        if hasattr(layer, "in_channels"):
            return layer.in_channels
    raise ValueError("no convolution")


def runs(model, shape, device):
    # With autograd on, as in training: without it PyTorch 1.13's max_pool1d returns an empty
    # tensor instead of raising "Output size is too small".
    try:
        return model(torch.zeros(shape, device=device)), None
    except Exception as error:  # PyTorch raises RuntimeError, ValueError, IndexError, ...
        return None, str(error).split("\n")[0]


def inferred_input(file):
    cls, rank, largest = MODELS[file]
    module, _ = load(file)
    torch.manual_seed(0)
    model = getattr(module, cls)()
    channels = first_channels(model)
    shape = lambda size: [1, channels] + [size] * rank
    meta = getattr(module, cls)().to("meta")
    size = next((s for s in range(1, largest + 1) if runs(meta, shape(s), "meta")[0] is not None), None)
    if size is None:
        raise SystemExit(f"{file}: no size up to {largest} runs")
    # The CPU decides; the meta device only spares running every smaller size on it.
    while runs(model, shape(size), "cpu")[0] is None:
        size += 1
    output, _ = runs(model, shape(size), "cpu")
    _, smaller_error = runs(model, shape(size - 1), "cpu")
    assert smaller_error is not None, f"{file}: size {size - 1} runs too"
    return {
        "model": cls,
        "input": shape(size),
        "output": list(output.shape),
        "totalParams": sum(p.numel() for p in model.parameters()),
        "smaller": {"input": shape(size - 1), "error": smaller_error},
    }


class LayerLines:
    """Where each leaf layer was constructed in the fixture, and which leaves are running."""

    def __init__(self, path):
        self.path = path
        self.lines = weakref.WeakKeyDictionary()  # ids are reused once a case's modules are freed
        self.running = []
        original = nn.Module.__init__
        lines = self.lines

        def init(module, *args, **kwargs):
            original(module, *args, **kwargs)
            frame = sys._getframe(1)
            while frame and frame.f_code.co_filename != path:
                frame = frame.f_back
            if frame and module not in lines:
                lines[module] = frame.f_lineno

        nn.Module.__init__ = init
        # Hooks return None: a forward hook's return value would replace the module's output.
        def before(module, args):
            self.running.append(module)

        def after(module, args, output):
            self.running.pop()

        nn.modules.module.register_module_forward_pre_hook(before)
        nn.modules.module.register_module_forward_hook(after)


def invalid_cases():
    module, path = load("invalid_configs.py")
    tracker = LayerLines(path)
    results = {}
    for case, expression in INVALID.items():
        tracker.running.clear()
        try:
            eval(expression, vars(module))
            raise SystemExit(f"{case}: PyTorch accepted it")
        except Exception as error:
            leaves = [m for m in tracker.running if not list(m.children())]
            if leaves:
                line = tracker.lines[leaves[-1]]
            else:
                frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == path]
                line = frames[-1].lineno
            results[case] = {"line": line, "type": type(error).__name__, "message": str(error).split("\n")[0]}
    return results


def main():
    truth = {"torch": torch.__version__, "models": {file: inferred_input(file) for file in MODELS}, "invalid": invalid_cases()}
    out = os.path.join(FIXTURES, "truth.json")
    with open(out, "w") as handle:
        json.dump(truth, handle, indent=1)
        handle.write("\n")
    print(json.dumps(truth, indent=1))


if __name__ == "__main__":
    # Set-valued messages (padding modes) print in hash order: fix it so that reruns agree.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable] + sys.argv)
    main()
