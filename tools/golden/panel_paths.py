"""Real layer paths for the panel's path shortening (run: /usr/bin/python3
tools/golden/panel_paths.py, or `npm run golden:panel`).

The layer table lists one row per leaf module; the names PyTorch gives them (named_modules)
are what the middle ellipsis must keep apart at side-bar width. Torchvision builds the
models, so the paths are the library's own, not hand-written.
Writes test/unit/panel/truth/torchvisionPaths.json.
"""
import json
import os

import torchvision

MODELS = ["resnet50", "densenet121", "efficientnet_b0", "mobilenet_v2"]


def leaf_paths(name):
    model = getattr(torchvision.models, name)()
    return [path for path, module in model.named_modules() if path and not list(module.children())]


def main():
    out = os.path.join(os.path.dirname(__file__), "..", "..", "test", "unit", "panel", "truth", "torchvisionPaths.json")
    truth = {"torchvision": torchvision.__version__, "models": {name: leaf_paths(name) for name in MODELS}}
    with open(out, "w") as handle:
        json.dump(truth, handle, indent=1)
        handle.write("\n")
    print(f"wrote {out}: " + ", ".join(f"{name} {len(paths)}" for name, paths in truth["models"].items()))


if __name__ == "__main__":
    main()
