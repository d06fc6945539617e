"""Golden fixtures for the feature-map kernels, from real PyTorch (seeded).

Writes test/fixtures/kernels/cases.json (one entry per case: layer kind, bound
arguments with PyTorch's defaults filled in, and where its tensors live) and
test/fixtures/kernels/cases.bin (all tensors, little-endian float32, back to back).
Run: /usr/bin/python3 tools/golden/kernel_cases.py
"""
import inspect
import json
import os
import struct

import torch
import torch.nn as nn

torch.manual_seed(20261129)
OUT_DIR = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'kernels')
blob = bytearray()
cases = []


def put(tensor):
    data = tensor.detach().contiguous().to(torch.float32).reshape(-1).tolist()
    offset = len(blob) // 4
    blob.extend(struct.pack('<%df' % len(data), *data))
    return {'shape': list(tensor.shape), 'offset': offset}


def bound_args(cls, kwargs):
    """The constructor's arguments bound by name with defaults, as the front end binds them."""
    sig = inspect.signature(cls.__init__)
    bound = sig.bind(None, **kwargs)
    bound.apply_defaults()
    args = {}
    for name, value in bound.arguments.items():
        if name in ('self', 'device', 'dtype', 'args', 'kwargs'):
            continue
        if isinstance(value, torch.dtype) or isinstance(value, torch.device):
            continue
        args[name] = list(value) if isinstance(value, tuple) else value
    return args


def randomize_buffers(module):
    """Default BatchNorm stats are 0/1 and would not test anything: use random ones."""
    with torch.no_grad():
        for name, buf in module.named_buffers():
            if name == 'running_mean':
                buf.copy_(torch.randn_like(buf))
            elif name == 'running_var':
                buf.copy_(torch.rand_like(buf) + 0.5)
        for name, param in module.named_parameters():
            if isinstance(module, nn.modules.batchnorm._BatchNorm):
                param.copy_(torch.randn_like(param))


def case(name, cls, kwargs, input_shape, scale=1.0):
    module = cls(**kwargs)
    randomize_buffers(module)
    module.eval()
    x = torch.randn(*input_shape) * scale
    with torch.no_grad():
        y = module(x)
    weights = {k: put(v) for k, v in module.state_dict().items() if v.dtype.is_floating_point}
    cases.append({
        'name': name, 'kind': cls.__name__, 'args': bound_args(cls, kwargs),
        'input': put(x), 'weights': weights, 'output': put(y),
    })


# Convolutions: odd sizes, groups, dilation with stride, every padding mode, 'same'.
for mode in ('zeros', 'reflect', 'replicate', 'circular'):
    case(f'conv1d {mode}', nn.Conv1d, dict(in_channels=4, out_channels=6, kernel_size=3, stride=2, padding=2, padding_mode=mode), (2, 4, 13))
    case(f'conv2d {mode}', nn.Conv2d, dict(in_channels=3, out_channels=5, kernel_size=(3, 5), stride=(2, 1), padding=(1, 2), padding_mode=mode), (1, 3, 13, 11))
    case(f'conv3d {mode}', nn.Conv3d, dict(in_channels=4, out_channels=4, kernel_size=3, stride=(1, 2, 2), padding=1, groups=2, padding_mode=mode), (1, 4, 5, 7, 6))
case('conv1d dilation stride groups', nn.Conv1d, dict(in_channels=6, out_channels=9, kernel_size=3, stride=2, dilation=3, groups=3), (1, 6, 31))
case('conv1d same even kernel', nn.Conv1d, dict(in_channels=2, out_channels=3, kernel_size=4, padding='same', dilation=2), (1, 2, 11))
case('conv2d dilation with stride', nn.Conv2d, dict(in_channels=4, out_channels=6, kernel_size=3, stride=2, dilation=2, padding=2), (2, 4, 17, 15))
case('conv2d groups 4 odd', nn.Conv2d, dict(in_channels=8, out_channels=12, kernel_size=3, padding=1, groups=4), (1, 8, 9, 7))
case('conv2d depthwise', nn.Conv2d, dict(in_channels=6, out_channels=6, kernel_size=3, padding=1, groups=6), (1, 6, 12, 10))
case('conv2d depthwise multiplier 2 stride 2', nn.Conv2d, dict(in_channels=5, out_channels=10, kernel_size=5, stride=2, padding=2, groups=5), (1, 5, 15, 13))
case('conv2d depthwise dilated reflect', nn.Conv2d, dict(in_channels=4, out_channels=4, kernel_size=3, padding=2, dilation=2, groups=4, padding_mode='reflect'), (1, 4, 9, 9))
case('conv2d pointwise', nn.Conv2d, dict(in_channels=16, out_channels=7, kernel_size=1), (1, 16, 9, 11))
case('conv2d pointwise stride 2', nn.Conv2d, dict(in_channels=6, out_channels=4, kernel_size=1, stride=2), (1, 6, 9, 11))
case('conv2d same even kernel', nn.Conv2d, dict(in_channels=3, out_channels=4, kernel_size=(4, 2), padding='same'), (1, 3, 10, 9))
case('conv2d same reflect dilated', nn.Conv2d, dict(in_channels=3, out_channels=4, kernel_size=3, padding='same', dilation=(2, 3), padding_mode='reflect'), (1, 3, 11, 12))
case('conv2d valid no bias', nn.Conv2d, dict(in_channels=3, out_channels=8, kernel_size=7, stride=3, padding='valid', bias=False), (1, 3, 23, 20))
case('conv2d wide', nn.Conv2d, dict(in_channels=32, out_channels=24, kernel_size=3, padding=1), (1, 32, 20, 19))
case('conv3d dilation', nn.Conv3d, dict(in_channels=2, out_channels=3, kernel_size=(2, 3, 3), dilation=(2, 1, 2), stride=(2, 1, 1), padding=(1, 2, 0)), (1, 2, 7, 8, 9))

# Transposed convolutions: output_padding, dilation, groups.
case('convT1d s3 op2', nn.ConvTranspose1d, dict(in_channels=4, out_channels=6, kernel_size=4, stride=3, padding=1, output_padding=2), (2, 4, 9))
case('convT2d k4 s2 p1', nn.ConvTranspose2d, dict(in_channels=8, out_channels=4, kernel_size=4, stride=2, padding=1), (1, 8, 7, 9))
case('convT2d op dilation groups', nn.ConvTranspose2d, dict(in_channels=6, out_channels=9, kernel_size=3, stride=2, padding=2, output_padding=1, dilation=2, groups=3), (1, 6, 8, 7))
case('convT2d op via dilation', nn.ConvTranspose2d, dict(in_channels=3, out_channels=2, kernel_size=(3, 2), stride=1, padding=(0, 1), output_padding=(1, 0), dilation=(2, 1)), (1, 3, 5, 6))
case('convT2d depthwise no bias', nn.ConvTranspose2d, dict(in_channels=4, out_channels=4, kernel_size=3, stride=2, groups=4, bias=False), (1, 4, 6, 5))
case('convT3d', nn.ConvTranspose3d, dict(in_channels=4, out_channels=2, kernel_size=3, stride=(2, 1, 2), padding=1, output_padding=(1, 0, 1), groups=2), (1, 4, 3, 4, 5))

# Pooling: ceil_mode (including the dropped last window), padding, dilation, count_include_pad.
case('maxpool1d ceil drop', nn.MaxPool1d, dict(kernel_size=2, stride=2, padding=1, ceil_mode=True), (1, 2, 3))
case('maxpool1d dilation', nn.MaxPool1d, dict(kernel_size=3, stride=2, dilation=2, padding=1), (2, 3, 14))
case('maxpool2d default stride', nn.MaxPool2d, dict(kernel_size=2), (1, 3, 9, 8))
case('maxpool2d ceil pad', nn.MaxPool2d, dict(kernel_size=3, stride=2, padding=1, ceil_mode=True), (1, 3, 10, 11))
case('maxpool2d dilation ceil', nn.MaxPool2d, dict(kernel_size=(2, 3), stride=(2, 2), dilation=(2, 1), ceil_mode=True), (1, 2, 11, 12))
case('maxpool3d', nn.MaxPool3d, dict(kernel_size=2, stride=2, padding=1, ceil_mode=True), (1, 2, 5, 6, 7))
case('avgpool1d ceil', nn.AvgPool1d, dict(kernel_size=3, stride=2, padding=1, ceil_mode=True), (1, 2, 10))
for include in (True, False):
    case(f'avgpool2d ceil pad include={include}', nn.AvgPool2d, dict(kernel_size=3, stride=2, padding=1, ceil_mode=True, count_include_pad=include), (1, 3, 10, 9))
case('avgpool2d divisor override', nn.AvgPool2d, dict(kernel_size=2, stride=1, padding=1, divisor_override=3), (1, 2, 5, 6))
case('avgpool3d', nn.AvgPool3d, dict(kernel_size=(2, 3, 3), stride=2, padding=(1, 1, 0), count_include_pad=False), (1, 2, 5, 7, 8))
case('adaptiveavg1d', nn.AdaptiveAvgPool1d, dict(output_size=4), (1, 3, 11))
case('adaptiveavg2d', nn.AdaptiveAvgPool2d, dict(output_size=(3, 5)), (1, 3, 10, 13))
case('adaptiveavg2d global', nn.AdaptiveAvgPool2d, dict(output_size=1), (2, 4, 7, 7))
case('adaptiveavg2d none', nn.AdaptiveAvgPool2d, dict(output_size=(None, 4)), (1, 2, 5, 9))
case('adaptivemax2d upsampling', nn.AdaptiveMaxPool2d, dict(output_size=(7, 3)), (1, 2, 5, 9))
case('adaptiveavg3d', nn.AdaptiveAvgPool3d, dict(output_size=(2, 3, 2)), (1, 2, 5, 7, 3))
case('adaptivemax1d', nn.AdaptiveMaxPool1d, dict(output_size=5), (1, 2, 13))

# Normalisation, dense layers.
case('batchnorm1d', nn.BatchNorm1d, dict(num_features=5), (3, 5))
case('batchnorm1d 3d input', nn.BatchNorm1d, dict(num_features=4), (2, 4, 6))
case('batchnorm2d', nn.BatchNorm2d, dict(num_features=6, eps=1e-3), (2, 6, 5, 4))
case('batchnorm2d no affine', nn.BatchNorm2d, dict(num_features=3, affine=False), (1, 3, 4, 4))
case('batchnorm3d', nn.BatchNorm3d, dict(num_features=3), (1, 3, 3, 4, 5))
case('linear', nn.Linear, dict(in_features=37, out_features=11), (2, 37))
case('linear 3d input no bias', nn.Linear, dict(in_features=5, out_features=3, bias=False), (2, 3, 5))
case('flatten', nn.Flatten, dict(), (2, 3, 4, 5))
case('flatten range', nn.Flatten, dict(start_dim=2, end_dim=3), (2, 3, 4, 5))

# Upsampling: nearest (integer, fractional, size), bilinear with and without align_corners.
case('upsample nearest 2', nn.Upsample, dict(scale_factor=2), (1, 2, 5, 4))
case('upsample nearest 1.5', nn.Upsample, dict(scale_factor=1.5), (1, 2, 5, 7))
case('upsample nearest size', nn.Upsample, dict(size=(7, 11)), (1, 2, 5, 4))
case('upsample nearest-exact', nn.Upsample, dict(scale_factor=1.7, mode='nearest-exact'), (1, 2, 5, 6))
case('upsample nearest 1d', nn.Upsample, dict(scale_factor=3), (1, 2, 5))
for align in (True, False):
    case(f'upsample bilinear 1.7 align={align}', nn.Upsample, dict(scale_factor=1.7, mode='bilinear', align_corners=align), (1, 2, 6, 5))
    case(f'upsample bilinear size align={align}', nn.Upsample, dict(size=(9, 4), mode='bilinear', align_corners=align), (1, 2, 5, 7))
    case(f'upsample linear align={align}', nn.Upsample, dict(scale_factor=2.5, mode='linear', align_corners=align), (1, 2, 7))
    case(f'upsample trilinear align={align}', nn.Upsample, dict(size=(4, 5, 3), mode='trilinear', align_corners=align), (1, 2, 3, 4, 5))
case('upsample bilinear default', nn.Upsample, dict(scale_factor=2, mode='bilinear'), (1, 3, 4, 5))
case('upsampling bilinear2d', nn.UpsamplingBilinear2d, dict(scale_factor=2), (1, 2, 4, 3))
case('upsampling nearest2d', nn.UpsamplingNearest2d, dict(size=(6, 5)), (1, 2, 4, 3))

# Activations.
act = (2, 3, 5, 4)
for cls, kwargs in [
    (nn.ReLU, {}), (nn.ReLU6, {}), (nn.LeakyReLU, dict(negative_slope=0.2)), (nn.ELU, dict(alpha=0.7)),
    (nn.SELU, {}), (nn.Sigmoid, {}), (nn.Tanh, {}), (nn.SiLU, {}), (nn.Mish, {}), (nn.Hardswish, {}),
    (nn.Hardsigmoid, {}), (nn.Hardtanh, dict(min_val=-0.5, max_val=2.0)), (nn.GELU, {}), (nn.GELU, dict(approximate='tanh')),
    (nn.Softplus, dict(beta=2.0, threshold=3.0)), (nn.Softmax, dict(dim=1)), (nn.LogSoftmax, dict(dim=-1)),
    (nn.Identity, {}), (nn.Dropout, dict(p=0.3)), (nn.Dropout2d, {}), (nn.PReLU, dict(num_parameters=3)), (nn.PReLU, {}),
]:
    label = cls.__name__ + (' ' + ','.join(f'{k}={v}' for k, v in kwargs.items()) if kwargs else '')
    case(label.lower(), cls, kwargs, act, scale=4.0)

# Graph joins the front ends build from forward(): residual add and torch.cat.
joins = []
for name, op, dim, shapes in [
    ('add residual', 'add', None, [(1, 4, 5, 6), (1, 4, 5, 6)]),
    ('add three', 'add', None, [(2, 3, 4), (2, 3, 4), (2, 3, 4)]),
    ('cat channels', 'cat', 1, [(1, 3, 5, 4), (1, 2, 5, 4), (1, 4, 5, 4)]),
    ('cat last dim negative', 'cat', -1, [(2, 3, 4), (2, 3, 1)]),
]:
    xs = [torch.randn(*shape) for shape in shapes]
    y = sum(xs[1:], xs[0]) if op == 'add' else torch.cat(xs, dim=dim)
    joins.append({'name': name, 'op': op, 'dim': dim, 'inputs': [put(x) for x in xs], 'output': put(y)})

os.makedirs(OUT_DIR, exist_ok=True)
with open(os.path.join(OUT_DIR, 'cases.bin'), 'wb') as fh:
    fh.write(blob)
with open(os.path.join(OUT_DIR, 'cases.json'), 'w') as fh:
    json.dump({'generator': 'tools/golden/kernel_cases.py', 'torch': torch.__version__, 'cases': cases, 'joins': joins}, fh, indent=1)
print(f'{len(cases)} cases, {len(blob)} bytes of float32 data')
