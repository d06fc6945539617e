"""Whole models for the model benchmark (npm run bench:model): ResNet-18 and MobileNetV2
at 224x224 (torchvision), and a base-16 U-Net at 256x256
(test/fixtures/pytorch/bench_models/unet_small.py), with seeded weights.

For each model, writes into .bench-models/ (git-ignored: ResNet-18 alone is 45 MB of
ONNX, and the files are reproduced from the seed in a few seconds, so the bench builds
them on first use instead of the repository carrying them):
  <name>.onnx          torch.onnx.export of the model in eval mode (weights as initializers)
  <name>.safetensors   the same weights, keyed by PyTorch's state_dict names
  <name>.layers.json   the model's dataflow from torch.fx: one entry per module call or
                       add/cat/flatten/pool call, its PyTorch constructor arguments and inputs
  <name>.input.bin     the seeded input, float32
  <name>.output.bin    PyTorch's output for it, float32 (the bench checks both runners)
Run: /usr/bin/python3 tools/golden/onnx_models.py [name ...]
"""
import inspect
import json
import operator
import os
import struct
import sys

import torch
import torch.fx
import torch.nn as nn
import torch.nn.functional as F
import torchvision

ROOT = os.path.join(os.path.dirname(__file__), '..', '..')
OUT = os.path.join(ROOT, '.bench-models')
sys.path.insert(0, os.path.join(ROOT, 'test', 'fixtures', 'pytorch', 'bench_models'))


def unet():
    from unet_small import UNet  # noqa: E402 (the fixture file the analysis reads)
    return UNet()


MODELS = {
    'resnet18': (lambda: torchvision.models.resnet18(), (1, 3, 224, 224)),
    'mobilenet_v2': (lambda: torchvision.models.mobilenet_v2(), (1, 3, 224, 224)),
    'unet_small': (unet, (1, 3, 256, 256)),
}


def seed_batch_norms(model):
    """Non-trivial running statistics and affine terms, so BatchNorm is not an identity."""
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            c = module.num_features
            module.running_mean.copy_(torch.randn(c) * 0.1)
            module.running_var.copy_(torch.rand(c) * 0.5 + 0.75)
            module.weight.data.copy_(torch.rand(c) * 0.5 + 0.75)
            module.bias.data.copy_(torch.randn(c) * 0.1)


def constructor_args(module):
    """The module's constructor arguments as PyTorch binds them (tuples as lists)."""
    args = {}
    for name in inspect.signature(type(module).__init__).parameters:
        if name in ('self', 'device', 'dtype', 'args', 'kwargs'):
            continue
        if name == 'bias' and not isinstance(getattr(module, 'bias', None), bool):
            args[name] = getattr(module, 'bias', None) is not None
        elif hasattr(module, name):
            value = getattr(module, name)
            args[name] = list(value) if isinstance(value, tuple) else value
    return args


def dataflow(model):
    """Entries {path, kind, args, inputs} in execution order; a repeated module call reads as path#2."""
    graph = torch.fx.symbolic_trace(model).graph
    modules = dict(model.named_modules())
    key, seen, layers = {}, {}, []

    def name_of(path):
        seen[path] = seen.get(path, 0) + 1
        return path if seen[path] == 1 else f'{path}#{seen[path]}'

    def sources(values):
        return [key[a.name] for a in values if isinstance(a, torch.fx.Node)]

    for node in graph.nodes:
        if node.op == 'placeholder':
            key[node.name] = 'input'
            continue
        if node.op == 'output':
            continue
        if node.op == 'call_module':
            module = modules[node.target]
            entry = {'path': node.target, 'kind': type(module).__name__, 'args': constructor_args(module), 'inputs': sources(node.args)}
        elif node.target in (operator.add, operator.iadd, torch.add):
            entry = {'path': node.name, 'kind': 'add', 'args': {}, 'inputs': sources(node.args)}
        elif node.target is torch.cat:
            dim = node.kwargs.get('dim', node.args[1] if len(node.args) > 1 else 0)
            entry = {'path': node.name, 'kind': 'cat', 'args': {'dim': dim}, 'inputs': sources(node.args[0])}
        elif node.target is torch.flatten:
            entry = {'path': node.name, 'kind': 'Flatten', 'args': {'start_dim': node.args[1], 'end_dim': -1}, 'inputs': sources(node.args)}
        elif node.target is F.adaptive_avg_pool2d:
            size = node.args[1]
            entry = {'path': node.name, 'kind': 'AdaptiveAvgPool2d', 'args': {'output_size': list(size) if isinstance(size, tuple) else size}, 'inputs': sources(node.args)}
        else:
            raise SystemExit(f'no runnable entry for fx node {node.op} {node.target}')
        entry['path'] = name_of(entry['path'])
        key[node.name] = entry['path']
        layers.append(entry)
    return layers


def write_safetensors(path, tensors):
    header, chunks, offset = {}, [], 0
    for name, tensor in tensors.items():
        raw = tensor.detach().contiguous().numpy().astype('<f4').tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(tensor.shape), 'data_offsets': [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b' ' * ((8 - len(text) % 8) % 8)
    with open(path, 'wb') as fh:
        fh.write(struct.pack('<Q', len(text)) + text + b''.join(chunks))


def build(name):
    make, shape = MODELS[name]
    torch.manual_seed(16)
    model = make()
    with torch.no_grad():
        seed_batch_norms(model)
    model.eval()
    x = torch.randn(*shape)
    with torch.no_grad():
        y = model(x)
    base = os.path.join(OUT, name)
    torch.onnx.export(model, x, base + '.onnx', input_names=['x'], output_names=['y'], opset_version=13)
    state = {k: v for k, v in model.state_dict().items() if v.dtype == torch.float32}
    write_safetensors(base + '.safetensors', state)
    with open(base + '.layers.json', 'w') as fh:
        json.dump({'input': list(shape), 'layers': dataflow(model)}, fh, indent=1)
    x.numpy().astype('<f4').tofile(base + '.input.bin')
    y.numpy().astype('<f4').tofile(base + '.output.bin')
    print(f'{name}: {os.path.getsize(base + ".onnx") / 1e6:.1f} MB ONNX')


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    for model_name in sys.argv[1:] or list(MODELS):
        build(model_name)
