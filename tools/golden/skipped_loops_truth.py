"""Records real PyTorch's run of the skipped-loop fixtures (test/fixtures/pytorch/skippedLoops):
loops the analysis cannot run, whose effects must become unknown rather than stay at their
values from before the loop. Same recorder as the model corpus (pytorch_truth.record_file).
Writes test/fixtures/pytorch/truth/skippedLoops/NAME.json.
Usage: /usr/bin/python3 tools/golden/skipped_loops_truth.py
"""
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_truth import record_file, write_json  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SOURCES = os.path.join(ROOT, "test", "fixtures", "pytorch", "skippedLoops")
TRUTH = os.path.join(ROOT, "test", "fixtures", "pytorch", "truth", "skippedLoops")


def main():
    for path in sorted(glob.glob(os.path.join(SOURCES, "*.py"))):
        name = os.path.basename(path)
        truth = record_file(path)
        write_json(truth, os.path.join(TRUTH, name[:-3] + ".json"))
        print(f"{name}: {len(truth['models'])} model calls, error: {truth['error'] and truth['error']['message']}")


if __name__ == "__main__":
    main()
