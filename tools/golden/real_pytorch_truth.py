"""Records the truth of the real-project PyTorch corpus under real PyTorch and torchvision.

  test/fixtures/pytorch/real/files    the recorded files, one path a line (relative to real/);
                                      the other .py files there are only imported by them
  test/fixtures/pytorch/real/OWNER__REPO/PATH.py
      -> test/fixtures/pytorch/truth/real/OWNER__REPO/PATH.json

Each file runs as __main__ in its own process, as `python PATH.py` would run it from a
scratch folder (what a script writes to its working folder lands there and is thrown away):
  - sys.path starts with the file's folder and then the repository's root (OWNER__REPO), so
    sibling modules, packages and relative imports resolve as they do in the real checkout;
    torchvision comes from Debian's python3-torchvision (/usr/lib/python3/dist-packages);
  - sys.argv holds only the file, so argparse gives its declared defaults;
  - nothing is downloaded and no model is trained: the files call their models on random
    tensors (the README of each repository folder says where a training script was cut);
  - a file whose run calls no model (a model file with `def test(): ...` left uncalled, as
    in kuangliu/pytorch-cifar) gets its parameterless module-level test...() functions called.
The records are pytorch_truth.py's: per top-level model call, every torch.nn leaf layer's
torchinfo-style path, kind, output shape, own parameters and line in the recorded file (a
layer built inside an imported module carries the line of the recorded file's call that
built it), and the model's input, output and total parameters.

Usage: /usr/bin/python3 tools/golden/real_pytorch_truth.py [SUBSTRING...]
(with substrings, only the files whose path contains one of them are re-recorded).
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REAL = os.path.join(ROOT, "test", "fixtures", "pytorch", "real")
TRUTH = os.path.join(ROOT, "test", "fixtures", "pytorch", "truth", "real")


def recorded_files():
    with open(os.path.join(REAL, "files"), encoding="utf-8") as listing:
        return [line.strip() for line in listing if line.strip() and not line.startswith("#")]


def record_one(relative):
    """Runs in the child process: the file's imports resolve from its checkout."""
    file_path = os.path.join(REAL, relative)
    repo_root = os.path.join(REAL, relative.split("/")[0])
    sys.path[:0] = [os.path.dirname(file_path), repo_root]
    sys.argv = [file_path]
    sys.path.insert(0, HERE)
    from pytorch_truth import dumps, record_file

    with tempfile.TemporaryDirectory() as scratch:
        os.chdir(scratch)
        truth = record_file(file_path, call_tests=True)
    truth["file"] = relative
    out_path = os.path.join(TRUTH, os.path.splitext(relative)[0] + ".json")
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as out:
        out.write(dumps(truth))
    layers = sum(len(model["layers"]) for model in truth["models"])
    status = f"error {truth['error']['type']}: {truth['error']['message'][:120]}" if truth["error"] else "ok"
    print(f"{relative}: {len(truth['models'])} models, {layers} layer calls, {status}")


def main():
    only = sys.argv[1:]
    failures = 0
    for relative in recorded_files():
        if only and not any(part in relative for part in only):
            continue
        done = subprocess.run([sys.executable, os.path.abspath(__file__), "--one", relative])
        failures += done.returncode != 0
    if failures:
        sys.exit(f"{failures} files could not be recorded")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        record_one(sys.argv[2])
    else:
        main()
