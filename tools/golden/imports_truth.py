"""Truth for models whose code is split over several files, recorded by real PyTorch.

Each case is a script in test/fixtures/imports/CASE/ that imports from its own folder (a
sibling module, a package, relative imports, a star import, a cycle) or from the installed
torchvision (Debian's python3-torchvision). The script runs as Python runs a script: its
folder first on sys.path. pytorch_truth.record_file records every layer call, with the line
in the script that led to it (the innermost frame in the script).

Usage: /usr/bin/python3 tools/golden/imports_truth.py
Writes test/fixtures/imports/truth/CASE.json.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from pytorch_truth import record_file, write_json  # noqa: E402

FIXTURES = os.path.join(HERE, "..", "..", "test", "fixtures", "imports")
CASES = {
    "unetFlat": "unetFlat/unet_model.py",
    "unetPackage": "unetPackage/predict.py",
    "packageRelative": "packageRelative/main.py",
    "cyclic": "cyclic/main.py",
    "allStar": "allStar/main.py",
    "moduleLevelLayer": "moduleLevelLayer/main.py",
    "torchvisionResnet": "torchvisionResnet/main.py",
}


def main():
    for name, script in CASES.items():
        path = os.path.abspath(os.path.join(FIXTURES, script))
        folder = os.path.dirname(path)
        sys.path.insert(0, folder)
        before = set(sys.modules)
        try:
            truth = record_file(path)
        finally:
            sys.path.remove(folder)
            # Each case's modules are its own (two cases may both have a `main`).
            for module in set(sys.modules) - before:
                if not module.startswith(("torch", "torchvision", "PIL", "numpy")):
                    del sys.modules[module]
        if truth["error"]:
            raise SystemExit(f"{script}: {truth['error']}")
        write_json(truth, os.path.join(FIXTURES, "truth", f"{name}.json"))
        print(f"{name}: {sum(len(m['layers']) for m in truth['models'])} layers")


if __name__ == "__main__":
    main()
