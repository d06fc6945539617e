"""Records what PyTorch does when a constructor gets a float where it needs an int size
(`nn.Conv2d(24, 200 / 4, 1)`): the TypeError `torch.empty` raises, or nothing for the
arguments that are never a size (and for int-valued expressions). Writes
test/unit/frontends/truth/floatSizes.json as a list of {"code", "message"} (the whole
message, None when the constructor succeeds). Run with /usr/bin/python3 (needs torch)."""
import json
import os

import torch.nn as nn

CASES = [
    "nn.Conv2d(24, 200 / 4, 1)",
    "nn.Conv2d(24 / 2, 8, 3)",
    "nn.Conv2d(4, 8, 3.0)",
    "nn.Conv2d(4, 8, (3, 3.0))",
    "nn.Conv2d(4, 8, 3, groups=2.0)",
    "nn.Conv2d(6, 8 / 1, 3, groups=4)",
    "nn.Conv1d(4, 8, 3.0)",
    "nn.Conv3d(4, 8.0, 3)",
    "nn.ConvTranspose2d(4 / 1, 8, 3)",
    "nn.ConvTranspose2d(4, 8 / 1, 3)",
    "nn.Linear(9216 / 2, 10)",
    "nn.Linear(10, 5 / 1)",
    "nn.BatchNorm2d(64 / 2)",
    "nn.BatchNorm1d(num_features=8.0)",
    "nn.PReLU(4 / 2)",
    "nn.Conv2d(24, 200 // 4, 1)",
    "nn.Conv2d(4, 8, int(3.0))",
    "nn.Linear(round(9216 / 2), 10)",
    "nn.GroupNorm(2.0, 8)",
    "nn.InstanceNorm2d(4.0)",
    "nn.Conv2d(4, 8, 3, stride=2, padding=1)",
]


def main():
    results = []
    for code in CASES:
        try:
            eval(code)
            message = None
        except TypeError as exc:
            message = str(exc).rstrip("\n")
        except ValueError as exc:
            message = str(exc).rstrip("\n")
        results.append({"code": code, "message": message})
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "test", "unit", "frontends", "truth", "floatSizes.json")
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"cases": results}, handle, indent=1)
        handle.write("\n")


if __name__ == "__main__":
    main()
