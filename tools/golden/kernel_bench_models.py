"""ONNX models and weights for the kernel benchmark (npm run bench), cases A-G
(the table in docs/performance.md).

Writes test/fixtures/kernels/bench/case_<X>.onnx (weights as initializers, so
onnxruntime can pre-pack them as it would for a real model) and
bench_weights.safetensors (the same weights, for our kernels and TF.js).
Run: /usr/bin/python3 tools/golden/kernel_bench_models.py
"""
import json
import os
import struct

import torch
import torch.nn as nn

torch.manual_seed(3)
OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'kernels', 'bench')
os.makedirs(OUT, exist_ok=True)

CASES = {
    'A': (nn.Conv2d(3, 64, 7, stride=2, padding=3), (1, 3, 224, 224)),
    'B': (nn.Conv2d(64, 64, 3, padding=1), (1, 64, 56, 56)),
    'C': (nn.Conv2d(64, 64, 3, padding=2, dilation=2), (1, 64, 56, 56)),
    'D': (nn.Conv2d(128, 128, 3, padding=1, groups=128), (1, 128, 112, 112)),
    'E': (nn.Conv2d(128, 256, 1), (1, 128, 56, 56)),
    'F': (nn.Conv2d(128, 128, 3, padding=1, groups=8), (1, 128, 56, 56)),
    'G': (nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1), (1, 64, 28, 28)),
}
tensors = {}
for name, (module, shape) in CASES.items():
    module.eval()
    torch.onnx.export(module, torch.randn(*shape), os.path.join(OUT, f'case_{name}.onnx'),
                      input_names=['x'], output_names=['y'], opset_version=13)
    tensors[f'{name}.weight'] = module.weight.detach()
    tensors[f'{name}.bias'] = module.bias.detach()

header, chunks, offset = {}, [], 0
for key, tensor in tensors.items():
    raw = tensor.contiguous().numpy().astype('<f4').tobytes()
    header[key] = {'dtype': 'F32', 'shape': list(tensor.shape), 'data_offsets': [offset, offset + len(raw)]}
    chunks.append(raw)
    offset += len(raw)
text = json.dumps(header).encode()
text += b' ' * ((8 - len(text) % 8) % 8)
with open(os.path.join(OUT, 'bench_weights.safetensors'), 'wb') as fh:
    fh.write(struct.pack('<Q', len(text)) + text + b''.join(chunks))
print('bench models written')
