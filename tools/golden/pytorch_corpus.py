"""Regenerates the per-layer PyTorch truth of the model corpus and of the examples.

  test/fixtures/pytorch/models/NAME.py  -> test/fixtures/pytorch/truth/NAME.json
  examples/NAME.py                      -> test/fixtures/pytorch/truth/examples/NAME.json
Also writes test/fixtures/pytorch/valid_files (the files PyTorch runs without error).
Names as arguments (`resnet vgg`) re-record only those corpus models.
With --all it first regenerates the generated fixtures too (sequential200, invalid
cases, big files). Every file runs in its own process under real PyTorch (Debian's
python3-torch: /usr/bin/python3 tools/golden/pytorch_corpus.py --all).
"""
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "test", "fixtures", "pytorch")
TRUTH = os.path.join(FIXTURES, "truth")


def run(script, *args):
    subprocess.run([sys.executable, os.path.join(HERE, script), *args], check=True)


def record(model_file, out_file):
    print(f"{os.path.relpath(model_file, ROOT)} -> {os.path.relpath(out_file, ROOT)}")
    run("pytorch_truth.py", model_file, out_file)


def main():
    if "--all" in sys.argv:
        run("pytorch_sequential200.py")
        run("pytorch_invalid.py")
        run("pytorch_bigfile.py")
    only = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    for model_file in sorted(glob.glob(os.path.join(FIXTURES, "models", "*.py"))):
        name = os.path.splitext(os.path.basename(model_file))[0]
        if only and name not in only:
            continue
        record(model_file, os.path.join(TRUTH, name + ".json"))
    if only:
        write_valid_files()
        return
    for example in sorted(glob.glob(os.path.join(ROOT, "examples", "*.py"))):
        name = os.path.splitext(os.path.basename(example))[0]
        record(example, os.path.join(TRUTH, "examples", name + ".json"))
    big3000 = os.path.join(FIXTURES, "big3000.py")
    if os.path.exists(big3000):
        record(big3000, os.path.join(TRUTH, "big3000.json"))
    write_valid_files()


def write_valid_files():
    """Every fixture and example that PyTorch runs without an error: no error diagnostics allowed."""
    candidates = sorted(glob.glob(os.path.join(FIXTURES, "models", "*.py")))
    candidates += [os.path.join(FIXTURES, name) for name in ("sequential200.py", "big3000.py", "big5000.py")]
    candidates += sorted(glob.glob(os.path.join(ROOT, "examples", "*.py")))
    valid = []
    for path in candidates:
        if not os.path.exists(path):
            continue
        if subprocess.run([sys.executable, path], capture_output=True).returncode == 0:
            valid.append(os.path.relpath(path, ROOT))
    with open(os.path.join(FIXTURES, "valid_files"), "w", encoding="utf-8") as out:
        out.write("\n".join(valid) + "\n")
    print(f"valid_files: {len(valid)} files")


if __name__ == "__main__":
    main()
