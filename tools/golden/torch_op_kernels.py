"""Golden fixtures for the op kernels (tensor operations of the dataflow graph), from real PyTorch.

For every op kind in src/engine/graph/opKinds.ts: seeded random inputs, the arguments in the
form the graph builders resolve them to (dims non-negative, slices as [start, stop, step],
F.pad's list), and PyTorch's outputs. A case may carry `analysed`: the output shapes the
analysis saw with another batch than the inputs (the kernels must follow the input batch).
Cases with `layout: channels-last` are the Keras / TF.js uses (axes of an NHWC tensor).

Writes test/fixtures/torch/opKernels.json (cases) and opKernels.bin (all tensors,
little-endian float32, back to back).
Run: /usr/bin/python3 tools/golden/torch_op_kernels.py
"""
import json
import os
import random
import struct

import torch
import torch.nn.functional as F

torch.manual_seed(20261203)
rng = random.Random(20261203)
OUT_DIR = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'torch')
blob = bytearray()
cases = []


def put(tensor):
    data = tensor.detach().contiguous().to(torch.float32).reshape(-1).tolist()
    offset = len(blob) // 4
    blob.extend(struct.pack('<%df' % len(data), *data))
    return {'shape': list(tensor.shape), 'offset': offset}


def case(name, kind, args, inputs, fn, layout='channels-first', analysed_inputs=None, analysed=None, batch=None):
    """Runs `fn(*inputs)` and records it.

    `analysed_inputs` (the model's inputs at the analysis' batch) give the analysed output
    shapes by running `fn` again; `analysed` gives them directly. `batch` is then the
    analysis' batch and the run's, as the graph runner passes them.
    """
    with torch.no_grad():
        out = fn(*inputs)
        outs = list(out) if isinstance(out, (tuple, list)) else [out]
        entry = {'name': name, 'kind': kind, 'args': args, 'layout': layout,
                 'inputs': [put(t) for t in inputs], 'outputs': [put(t) for t in outs]}
        if analysed_inputs is not None:
            seen = fn(*analysed_inputs)
            seen = list(seen) if isinstance(seen, (tuple, list)) else [seen]
            analysed = [list(t.shape) for t in seen]
            batch = {'analysed': analysed_inputs[0].shape[0], 'run': inputs[0].shape[0]}
        if analysed is not None:
            entry['analysed'] = analysed
            entry['batch'] = batch
    cases.append(entry)


def randn(*shape):
    return torch.randn(shape)


def positive(*shape):
    return torch.rand(shape) * 2 + 0.1


def random_broadcast_pair():
    """Two shapes that broadcast: rank 1-4, some axes 1 on one side, leading axes dropped."""
    rank = rng.randint(1, 4)
    full = [rng.randint(2, 5) for _ in range(rank)]
    a = [1 if rng.random() < 0.3 else s for s in full]
    b = [1 if rng.random() < 0.3 and a[i] != 1 else s for i, s in enumerate(full)]
    b = b[rng.randint(0, rank - 1):]
    return (a, b) if rng.random() < 0.5 else (b, a)


def resolve_index(index, shape):
    """A Python index tuple in the builder's resolved form: `...` expanded, slices concrete."""
    index = index if isinstance(index, tuple) else (index,)
    consumed = sum(1 for item in index if item is not None and item is not Ellipsis)
    out, axis = [], 0
    for item in index:
        if item is Ellipsis:
            for _ in range(len(shape) - consumed):
                out.append([0, shape[axis], 1])
                axis += 1
        elif item is None:
            out.append(None)
        elif isinstance(item, int):
            out.append(item if item >= 0 else item + shape[axis])
            axis += 1
        else:
            start, stop, step = item.indices(shape[axis])
            out.append([start, stop, step])
            axis += 1
    return out


# Elementwise binary ops: same shape, broadcasting (squeeze-excitation, random pairs), scalars, alpha.
torch_binary = {'add': torch.add, 'sub': torch.sub, 'mul': torch.mul, 'div': torch.div,
                'pow': torch.pow, 'maximum': torch.maximum, 'minimum': torch.minimum}
for kind, fn in torch_binary.items():
    make = positive if kind == 'pow' else randn
    case(f'{kind} same shape', kind, {}, [make(1, 8, 6, 6), randn(1, 8, 6, 6)], fn)
    case(f'{kind} squeeze-excitation broadcast', kind, {}, [make(2, 6, 5, 5), randn(2, 6, 1, 1)], fn)
    case(f'{kind} NHWC channel broadcast', kind, {}, [make(1, 4, 5, 6), randn(6)], fn, layout='channels-last')
    case(f'{kind} middle axis broadcast', kind, {}, [make(2, 3, 4), randn(2, 1, 4)], fn)
    for i in range(3):
        a, b = random_broadcast_pair()
        case(f'{kind} random broadcast {a} {b}', kind, {}, [make(*a), randn(*b)], fn)
    case(f'{kind} 0-d tensor operand', kind, {}, [make(3, 4), randn()], fn)
for kind in ('add', 'sub'):
    fn = torch_binary[kind]
    case(f'{kind} alpha', kind, {'alpha': 0.5}, [randn(2, 3, 4), randn(3, 1)], lambda x, y, f=fn: f(x, y, alpha=0.5))
    case(f'{kind} scalar', kind, {'other': 0.75, 'reversed': False, 'alpha': 1}, [randn(2, 5, 3)], lambda x, f=fn: f(x, 0.75))
    case(f'{kind} scalar alpha', kind, {'other': 2, 'reversed': False, 'alpha': 3}, [randn(4, 5)], lambda x, f=fn: f(x, 2, alpha=3))
case('add reversed scalar (2 + x)', 'add', {'other': 2, 'reversed': True, 'alpha': 1}, [randn(3, 4)], lambda x: 2 + x)
case('sub reversed scalar (3 - x)', 'sub', {'other': 3, 'reversed': True, 'alpha': 1}, [randn(3, 4)], lambda x: 3 - x)
case('sub reversed scalar alpha (torch.rsub)', 'sub', {'other': 2, 'reversed': True, 'alpha': 3}, [randn(3, 4)], lambda x: torch.rsub(x, 2, alpha=3))
case('mul scalar', 'mul', {'other': -1.5, 'reversed': False}, [randn(2, 3, 4)], lambda x: x * -1.5)
case('mul reversed scalar', 'mul', {'other': 0.25, 'reversed': True}, [randn(2, 3, 4)], lambda x: 0.25 * x)
case('div scalar', 'div', {'other': 3, 'reversed': False, 'rounding_mode': None}, [randn(2, 3, 4)], lambda x: x / 3)
case('div reversed scalar (1 / x)', 'div', {'other': 1, 'reversed': True, 'rounding_mode': None}, [positive(2, 3, 4)], lambda x: 1 / x)
for mode in ('floor', 'trunc'):
    case(f'div {mode} tensors', 'div', {'rounding_mode': mode}, [randn(3, 4, 5) * 10, randn(4, 1) * 3], lambda x, y, m=mode: torch.div(x, y, rounding_mode=m))
    case(f'div {mode} scalar', 'div', {'other': 3, 'reversed': False, 'rounding_mode': mode}, [randn(4, 6) * 10], lambda x, m=mode: torch.div(x, 3, rounding_mode=m))
    case(f'div {mode} negative scalar', 'div', {'other': -2.5, 'reversed': False, 'rounding_mode': mode}, [randn(4, 6) * 10], lambda x, m=mode: torch.div(x, -2.5, rounding_mode=m))
case('div floor operator (x // 2)', 'div', {'other': 2, 'reversed': False, 'rounding_mode': 'floor'}, [torch.arange(-6.0, 6.0).reshape(3, 4)], lambda x: x // 2)
case('pow square', 'pow', {'other': 2, 'reversed': False}, [randn(2, 3, 4)], lambda x: x ** 2)
case('pow square root', 'pow', {'other': 0.5, 'reversed': False}, [positive(2, 3, 4)], lambda x: x ** 0.5)
case('pow reversed (2 ** x)', 'pow', {'other': 2, 'reversed': True}, [randn(2, 3, 4)], lambda x: 2 ** x)

# matmul: every torch.matmul case (1-D operands, batch broadcasting).
for name, a, b in [('2-D', (3, 4), (4, 5)), ('1-D dot', (6,), (6,)), ('1-D by 2-D', (4,), (4, 3)),
                   ('2-D by 1-D', (3, 4), (4,)), ('1-D by batched', (4,), (2, 4, 3)),
                   ('batched by 1-D', (2, 3, 4), (4,)), ('batched', (2, 3, 4), (2, 4, 5)),
                   ('broadcast batch', (2, 1, 3, 4), (5, 4, 2)), ('batched by 2-D', (2, 5, 3, 4), (4, 6)),
                   ('attention scores', (1, 2, 7, 8), (1, 2, 8, 7))]:
    case(f'matmul {name}', 'matmul', {}, [randn(*a), randn(*b)], torch.matmul)

# Unary ops.
for kind, fn, make in [('neg', torch.neg, randn), ('abs', torch.abs, randn), ('exp', torch.exp, randn),
                       ('log', torch.log, positive), ('sqrt', torch.sqrt, positive), ('rsqrt', torch.rsqrt, positive)]:
    case(kind, kind, {}, [make(2, 3, 5)], fn)
    case(f'{kind} NHWC', kind, {}, [make(1, 4, 4, 3)], fn, layout='channels-last')
    case(f'{kind} 0-d', kind, {}, [make()], fn)
case('clamp both', 'clamp', {'min': -0.5, 'max': 0.7}, [randn(2, 3, 5)], lambda x: torch.clamp(x, -0.5, 0.7))
case('clamp min only', 'clamp', {'min': 0.1, 'max': None}, [randn(2, 3, 5)], lambda x: x.clamp(min=0.1))
case('clamp max only', 'clamp', {'min': None, 'max': 0}, [randn(2, 3, 5)], lambda x: x.clamp(max=0))
case('clamp min above max', 'clamp', {'min': 1, 'max': -1}, [randn(2, 3, 5)], lambda x: torch.clamp(x, 1, -1))

# Reshapes; the last two were analysed with batch 2 and run with batch 1.
case('reshape view(N, -1)', 'reshape', {}, [randn(2, 3, 4, 4)], lambda x: x.view(2, -1))
case('reshape unsqueeze', 'reshape', {}, [randn(2, 5)], lambda x: x.unsqueeze(1))
case('reshape squeeze', 'reshape', {}, [randn(2, 1, 5, 1)], lambda x: x.squeeze())
case('reshape NHWC to tokens', 'reshape', {}, [randn(1, 3, 4, 6)], lambda x: x.reshape(1, 12, 6), layout='channels-last')
case('reshape per item (analysed batch 2)', 'reshape', {}, [randn(1, 3, 4, 4)], lambda x: x.view(x.size(0), -1), analysed_inputs=[randn(2, 3, 4, 4)])
case('reshape whole flatten (analysed batch 2)', 'reshape', {}, [randn(1, 3, 2, 2)], lambda x: x.reshape(-1), analysed_inputs=[randn(2, 3, 2, 2)])

# Permutes (transpose and .T become permutes).
case('permute NCHW to NHWC', 'permute', {'dims': [0, 2, 3, 1]}, [randn(2, 3, 4, 5)], lambda x: x.permute(0, 2, 3, 1))
case('permute NHWC to NCHW', 'permute', {'dims': [0, 3, 1, 2]}, [randn(1, 4, 5, 3)], lambda x: x.permute(0, 3, 1, 2), layout='channels-last')
case('permute transpose(1, 2)', 'permute', {'dims': [0, 2, 1, 3]}, [randn(2, 3, 4, 5)], lambda x: x.transpose(1, -2))
case('permute .T', 'permute', {'dims': [1, 0]}, [randn(3, 7)], lambda x: x.T)

# expand / repeat.
case('expand squeeze-excitation gate', 'expand', {}, [randn(2, 4, 1, 1)], lambda x: x.expand(2, 4, 3, 5))
case('expand new leading axis', 'expand', {}, [randn(3, 1)], lambda x: x.expand(2, 3, 4))
case('expand keeps the input batch (analysed batch 2)', 'expand', {}, [randn(1, 4, 1)], lambda x: x.expand(x.size(0), 4, 6), analysed_inputs=[randn(2, 4, 1)])
cls_token = randn(1, 1, 6)
case('expand class token to the run batch (analysed batch 2)', 'expand', {}, [cls_token], lambda t: t.expand(1, -1, -1),
     analysed=[[2, 1, 6]], batch={'analysed': 2, 'run': 1})
case('expand axis 0 that is not the batch (analysed batch 2)', 'expand', {}, [randn(1, 3)], lambda t: t.expand(4, 3),
     analysed=[[4, 3]], batch={'analysed': 2, 'run': 1})
case('repeat', 'repeat', {'repeats': [2, 1, 3, 1]}, [randn(1, 3, 2, 2)], lambda x: x.repeat(2, 1, 3, 1))
case('repeat with new axes', 'repeat', {'repeats': [2, 1, 2]}, [randn(3, 4)], lambda x: x.repeat(2, 1, 2))
case('repeat NHWC tiles', 'repeat', {'repeats': [1, 2, 3, 1]}, [randn(1, 2, 2, 3)], lambda x: x.repeat(1, 2, 3, 1), layout='channels-last')

# Joins and splits.
case('cat channels (U-Net skip)', 'cat', {'dim': 1}, [randn(1, 3, 4, 4), randn(1, 5, 4, 4), randn(1, 2, 4, 4)], lambda *t: torch.cat(t, 1))
case('cat last axis (NHWC concatenate)', 'cat', {'dim': 3}, [randn(1, 4, 4, 3), randn(1, 4, 4, 5)], lambda *t: torch.cat(t, -1), layout='channels-last')
case('cat batch axis', 'cat', {'dim': 0}, [randn(1, 3, 2), randn(2, 3, 2)], lambda *t: torch.cat(t, 0))
case('stack first axis', 'stack', {'dim': 0}, [randn(3, 4), randn(3, 4), randn(3, 4)], lambda *t: torch.stack(t, 0))
case('stack middle axis', 'stack', {'dim': 1}, [randn(2, 3, 4), randn(2, 3, 4)], lambda *t: torch.stack(t, 1))
case('stack last axis', 'stack', {'dim': 3}, [randn(2, 3, 4), randn(2, 3, 4)], lambda *t: torch.stack(t, -1), layout='channels-last')
case('split sizes', 'split', {'dim': 1, 'sizes': [2, 3, 1]}, [randn(2, 6, 3, 3)], lambda x: torch.split(x, [2, 3, 1], dim=1))
case('split by size with a remainder', 'split', {'dim': 2, 'sizes': [3, 3, 1]}, [randn(2, 3, 7)], lambda x: x.split(3, dim=2))
case('chunk', 'split', {'dim': 1, 'sizes': [2, 2, 2]}, [randn(1, 6, 4, 4)], lambda x: x.chunk(3, dim=1))
case('split NHWC channels', 'split', {'dim': 3, 'sizes': [4, 4]}, [randn(1, 3, 3, 8)], lambda x: torch.split(x, 4, dim=-1), layout='channels-last')
case('unbind first axis', 'unbind', {'dim': 0}, [randn(3, 2, 4)], lambda x: x.unbind(0))
case('unbind middle axis', 'unbind', {'dim': 1}, [randn(2, 3, 4)], lambda x: torch.unbind(x, 1))
case('unbind NHWC channels', 'unbind', {'dim': 3}, [randn(1, 2, 3, 3)], lambda x: x.unbind(-1), layout='channels-last')
case('identity NHWC', 'identity', {}, [randn(1, 3, 3, 2)], lambda x: x.clone(), layout='channels-last')

# Indexing and slicing.
for name, shape, index in [
    ('slice with step', (2, 8, 3), (slice(None), slice(1, 7, 2))),
    ('pick first item', (3, 4, 5), 0),
    ('pick negative', (3, 4, 5), (slice(None), -1)),
    ('new axis after ellipsis', (2, 3, 4), (Ellipsis, None)),
    ('None, pick and step', (2, 5, 9), (slice(None), None, 2, slice(None, None, 3))),
    ('ellipsis then pick last axis', (2, 3, 4, 5), (Ellipsis, 1)),
    ('crop spatial (U-Net)', (1, 4, 10, 10), (slice(None), slice(None), slice(2, 8), slice(2, 8))),
    ('NHWC channel slice', (1, 5, 5, 8), (Ellipsis, slice(2, 6)), ),
    ('empty slice', (3, 4), (slice(2, 2),)),
    ('class token', (2, 7, 6), (slice(None), 0)),
]:
    layout = 'channels-last' if name.startswith('NHWC') else 'channels-first'
    case(f'getitem {name}', 'getitem', {'index': resolve_index(index, shape)}, [randn(*shape)], lambda x, i=index: x[i], layout=layout)
case('getitem stop past the end (clamped)', 'getitem', {'index': [[1, 9, 2]]}, [randn(5, 3)], lambda x: x[1:9:2])

# F.pad: every mode, pads from the last axis backwards, negative pads (crop).
for name, shape, pad, mode, value in [
    ('constant 2-D', (1, 2, 4, 5), [1, 2, 0, 3], 'constant', 0.5),
    ('constant last axis only', (3, 4), [2, 1], 'constant', 0),
    ('constant three axes', (2, 3, 4), [1, 0, 0, 2, 1, 1], 'constant', -1),
    ('constant negative (crop)', (1, 2, 6, 6), [-1, -1, -2, 0], 'constant', 0),
    ('reflect 1-D', (2, 3, 7), [3, 2], 'reflect', 0),
    ('reflect 2-D', (1, 2, 5, 6), [2, 1, 1, 3], 'reflect', 0),
    ('replicate 2-D', (1, 3, 4, 4), [2, 2, 0, 3], 'replicate', 0),
    ('replicate 3-D', (1, 2, 3, 4, 3), [1, 1, 2, 0, 1, 2], 'replicate', 0),
    ('circular 1-D', (1, 2, 6), [2, 3], 'circular', 0),
    ('circular 2-D', (1, 2, 4, 5), [1, 2, 3, 1], 'circular', 0),
    ('constant NHWC spatial', (1, 5, 6, 3), [0, 0, 2, 2, 1, 1], 'constant', 0),
]:
    layout = 'channels-last' if 'NHWC' in name else 'channels-first'
    case(f'pad {name}', 'pad', {'pad': pad, 'mode': mode, 'value': value}, [randn(*shape)],
         lambda x, p=pad, m=mode, v=value: F.pad(x, p, mode=m, value=v) if m == 'constant' else F.pad(x, p, mode=m), layout=layout)

# Reductions.
reductions = {'mean': torch.mean, 'sum': torch.sum, 'amax': torch.amax, 'amin': torch.amin}
for kind, fn in reductions.items():
    case(f'{kind} spatial keepdim (NCHW)', kind, {'dim': [2, 3], 'keepdim': True}, [randn(2, 4, 5, 6)], lambda x, f=fn: f(x, dim=(-2, -1), keepdim=True))
    case(f'{kind} spatial (NHWC)', kind, {'dim': [1, 2], 'keepdim': False}, [randn(1, 5, 6, 4)], lambda x, f=fn: f(x, dim=(1, 2)), layout='channels-last')
    case(f'{kind} one axis', kind, {'dim': [1], 'keepdim': False}, [randn(2, 7, 3)], lambda x, f=fn: f(x, dim=1))
    case(f'{kind} non-adjacent axes keepdim', kind, {'dim': [0, 2], 'keepdim': True}, [randn(3, 4, 5)], lambda x, f=fn: f(x, dim=(0, 2), keepdim=True))
    case(f'{kind} every axis', kind, {'dim': None, 'keepdim': False}, [randn(3, 4, 5)],
         (lambda x, f=fn: f(x)) if kind in ('mean', 'sum') else (lambda x, f=fn: f(x, dim=(0, 1, 2))))

case('sum empty dim list (every axis)', 'sum', {'dim': [], 'keepdim': False}, [randn(2, 3)], lambda x: torch.sum(x, dim=[]))
case('amax empty dim list keepdim (every axis)', 'amax', {'dim': [], 'keepdim': True}, [randn(2, 3)], lambda x: torch.amax(x, dim=(), keepdim=True))

# F.normalize (p infinity is written 'inf': JSON has no infinity).
case('normalize p=0 (count of non-zeros)', 'normalize', {'p': 0, 'dim': 1, 'eps': 1e-12}, [torch.relu(randn(3, 6))], lambda x: F.normalize(x, p=0, dim=1))
case('normalize p=inf', 'normalize', {'p': 'inf', 'dim': 1, 'eps': 1e-12}, [randn(3, 6)], lambda x: F.normalize(x, p=float('inf'), dim=1))
case('normalize channels (p=2)', 'normalize', {'p': 2, 'dim': 1, 'eps': 1e-12}, [randn(2, 5, 3, 3)], lambda x: F.normalize(x, dim=1))
case('normalize last axis (p=1)', 'normalize', {'p': 1, 'dim': 2, 'eps': 1e-12}, [randn(2, 3, 6)], lambda x: F.normalize(x, p=1, dim=-1))
case('normalize first axis (p=3)', 'normalize', {'p': 3, 'dim': 0, 'eps': 1e-12}, [randn(4, 5)], lambda x: F.normalize(x, p=3, dim=0))
case('normalize eps wins', 'normalize', {'p': 2, 'dim': 1, 'eps': 10}, [randn(2, 4)], lambda x: F.normalize(x, dim=1, eps=10))

case('identity', 'identity', {}, [randn(2, 3, 4)], lambda x: x.contiguous())
case('identity of a transposed view (contiguous copy)', 'identity', {}, [randn(3, 5)], lambda x: x.contiguous().detach())

os.makedirs(OUT_DIR, exist_ok=True)
with open(os.path.join(OUT_DIR, 'opKernels.json'), 'w') as f:
    # One case per line: small diffs when a case changes.
    header = json.dumps({'generator': 'tools/golden/torch_op_kernels.py', 'torch': torch.__version__.split('+')[0]})
    f.write(header[:-1] + ', "cases": [\n' + ',\n'.join(json.dumps(c) for c in cases) + '\n]}\n')
with open(os.path.join(OUT_DIR, 'opKernels.bin'), 'wb') as f:
    f.write(blob)
print(f'{len(cases)} op cases, {len(blob)} bytes of tensors')
