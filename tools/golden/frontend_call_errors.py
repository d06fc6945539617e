"""Record PyTorch's own error messages for invalid constructor calls and tensor
operations that the front end must predict. Writes test/unit/frontends/truth/callErrors.json
as a list of {"code": <python statement>, "message": <the error, trailing newline dropped>}.
Run with /usr/bin/python3 (needs torch)."""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

CASES = [
    "nn.Conv2d(3, 8, 3, foo=1)",
    "nn.Conv2d(3, 8)",
    "nn.Conv2d(3)",
    "nn.Conv2d(3, 8, 3, 1, 0, 1, 1, True, 'zeros', None, None, 5)",
    "nn.Conv2d(3, 8, 3, in_channels=3)",
    "nn.Linear(10)",
    "nn.ReLU(True, 1)",
    "nn.BatchNorm2d()",
    "nn.MaxPool2d()",
    "nn.Sigmoid(1)",
    "torch.randn(1, 8, 4, 4) + torch.randn(1, 4, 4, 4)",
    "torch.cat([torch.randn(1, 8, 4, 4), torch.randn(1, 4, 5, 4)], dim=1)",
    "torch.randn(1, 8, 4, 4).view(1, 100)",
    "torch.stack([torch.randn(2, 3), torch.randn(3, 3)])",
    # A float where a size must be an int: PyTorch's torch.empty/zeros refuse it, worded by where it sits.
    "nn.Conv2d(24, 200 / 4, 1)",
    "nn.Conv2d(24.0, 50, 1)",
    "nn.Conv2d(24, 50, 3.0)",
    "nn.ConvTranspose2d(24, 50.0, 2)",
    "nn.Conv2d(24, 48, 1, groups=2.0)",
    "nn.Linear(24, 200 / 4)",
    "nn.Linear(24.0, 5)",
    "nn.BatchNorm2d(200 / 4)",
    "nn.BatchNorm2d(8.0, affine=False)",
    "nn.InstanceNorm2d(8.0)",
    "nn.PReLU(8.0)",
    # A layer stack's depth goes to range(): a float is refused there, a layer object is followed.
    "nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2), 2.0)",
    "nn.TransformerDecoder(nn.TransformerDecoderLayer(8, 2), num_layers=4 / 2)",
    "nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2), 2, norm=nn.LayerNorm(8))(torch.randn(3, 2, 6))",
    "nn.TransformerDecoder(nn.TransformerDecoderLayer(8, 2), 1)(torch.randn(3, 2, 8), torch.randn(4, 2, 6))",
]


def main():
    results = []
    for code in CASES:
        try:
            eval(code)
            message = None
        except Exception as exc:
            message = str(exc).rstrip('\n')
        results.append({'code': code, 'message': message})
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'unit', 'frontends', 'truth', 'callErrors.json')
    with open(out, 'w') as handle:
        json.dump({'torch': torch.__version__, 'cases': results}, handle, indent=1)
        handle.write('\n')
    for result in results:
        print(result)


if __name__ == '__main__':
    main()
