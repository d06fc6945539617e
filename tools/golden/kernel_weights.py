"""Weight-file fixtures from real PyTorch (seeded), for the weight readers and run --dump.

Writes into test/fixtures/weights/:
  tiny_cnn.pt                      torch.save(state_dict) of a small CNN (zip format)
  tiny_cnn.safetensors             the same state_dict, by a tiny safetensors writer (F32)
  tiny_cnn_f16.safetensors         the same in float16 (dtype conversion)
  tiny_cnn_layers.json             the leaf layers as the front end reports them (path, kind, bound args, shapes)
  tiny_cnn_activations.safetensors the input and every leaf layer's output (forward hooks)
  init_stats.json                  max |weight| / |bias| of default-initialised layers (PyTorch's bounds)
  hostile_*                        malformed and malicious files (never unpickled here)
Run: /usr/bin/python3 tools/golden/kernel_weights.py
"""
import inspect
import io
import json
import os
import pickle
import struct
import zipfile

import torch
import torch.nn as nn

torch.manual_seed(7)
OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'weights')
os.makedirs(OUT, exist_ok=True)


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(8, 8, 3, padding=1, groups=2, padding_mode='reflect')
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(self.conv1(x))


class TinyCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True))
        self.layer1 = nn.Sequential(Block())
        self.up = nn.ConvTranspose2d(8, 4, 4, stride=2, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(2)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(16, 5)

    def forward(self, x):
        x = self.layer1(self.features(x))
        return self.fc(self.flatten(self.pool(self.up(x))))


def bound_args(module):
    sig = inspect.signature(type(module).__init__)
    args = {}
    for name, param in sig.parameters.items():
        if name in ('self', 'device', 'dtype', 'args', 'kwargs'):
            continue
        value = getattr(module, name, param.default)
        if name == 'bias' and (value is None or isinstance(value, torch.Tensor)):
            value = module.bias is not None
        if name == 'output_size' or isinstance(value, tuple):
            value = list(value) if isinstance(value, tuple) else value
        if value is inspect.Parameter.empty:
            raise ValueError(f'{type(module).__name__}.{name} has no value')
        args[name] = value
    return args


def save_safetensors(path, tensors, dtype=torch.float32):
    names = {torch.float32: 'F32', torch.float16: 'F16'}
    header, chunks, offset = {}, [], 0
    for name, tensor in tensors.items():
        raw = tensor.detach().to(dtype).contiguous().numpy().tobytes()
        header[name] = {'dtype': names[dtype], 'shape': list(tensor.shape), 'data_offsets': [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b' ' * ((8 - len(text) % 8) % 8)
    with open(path, 'wb') as fh:
        fh.write(struct.pack('<Q', len(text)) + text + b''.join(chunks))


model = TinyCnn()
with torch.no_grad():
    bn = model.features[1]
    bn.running_mean.copy_(torch.randn(8) * 0.3)
    bn.running_var.copy_(torch.rand(8) + 0.5)
    bn.weight.copy_(torch.randn(8))
    bn.bias.copy_(torch.randn(8) * 0.1)
model.eval()
x = torch.randn(1, 3, 19, 17)
layers, activations = [], {'input': x}


def hook(name):
    def record(module, inputs, output):
        layers.append({'path': name, 'kind': type(module).__name__, 'args': bound_args(module),
                       'input': list(inputs[0].shape), 'output': list(output.shape)})
        activations[name] = output.detach().clone()
    return record


for name, module in model.named_modules():
    if len(list(module.children())) == 0:
        module.register_forward_hook(hook(name))
with torch.no_grad():
    model(x)

state = model.state_dict()
torch.save(state, os.path.join(OUT, 'tiny_cnn.pt'))
save_safetensors(os.path.join(OUT, 'tiny_cnn.safetensors'), {k: v for k, v in state.items() if v.dtype.is_floating_point})
save_safetensors(os.path.join(OUT, 'tiny_cnn_f16.safetensors'), {k: v for k, v in state.items() if v.dtype.is_floating_point}, torch.float16)
save_safetensors(os.path.join(OUT, 'tiny_cnn_activations.safetensors'), activations)
with open(os.path.join(OUT, 'tiny_cnn_layers.json'), 'w') as fh:
    json.dump({'generator': 'tools/golden/kernel_weights.py', 'torch': torch.__version__, 'layers': layers}, fh, indent=1)

# A graph (residual add + concat), for runSequence's `inputs`: layers are called one by one
# here so that every intermediate, including the joins, is recorded.
class TinyResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.stem_act = nn.ReLU()
        self.block = nn.Module()
        self.block.conv1 = nn.Conv2d(8, 12, 3, padding=1, bias=False)
        self.block.bn1 = nn.BatchNorm2d(12)
        self.block.relu = nn.ReLU()
        self.block.conv2 = nn.Conv2d(12, 12, 3, padding=1, bias=False)
        self.block.bn2 = nn.BatchNorm2d(12)
        self.block.down = nn.Conv2d(8, 12, 1)
        self.block.out = nn.ReLU()
        self.head = nn.Conv2d(20, 4, 1)


res = TinyResNet()
with torch.no_grad():
    for bn in (res.block.bn1, res.block.bn2):
        bn.running_mean.copy_(torch.randn(12) * 0.2)
        bn.running_var.copy_(torch.rand(12) + 0.5)
res.eval()
graph = [
    ('stem', ['input']), ('stem_act', None), ('block.conv1', ['stem_act']), ('block.bn1', None), ('block.relu', None),
    ('block.conv2', None), ('block.bn2', None), ('block.down', ['stem_act']), ('block.add', ['block.bn2', 'block.down']),
    ('block.out', ['block.add']), ('cat', ['block.out', 'stem_act']), ('head', ['cat']),
]
res_layers, res_acts = [], {'input': torch.randn(1, 3, 15, 13)}
previous = 'input'
with torch.no_grad():
    for path, inputs in graph:
        sources = [res_acts[name] for name in (inputs or [previous])]
        if path == 'block.add':
            out, entry = sources[0] + sources[1], {'path': path, 'kind': 'add', 'args': {}}
        elif path == 'cat':
            out, entry = torch.cat(sources, dim=1), {'path': path, 'kind': 'cat', 'args': {'dim': 1}}
        else:
            module = res.get_submodule(path)
            out = module(sources[0])
            entry = {'path': path, 'kind': type(module).__name__, 'args': bound_args(module)}
        if inputs:
            entry['inputs'] = inputs
        entry['output'] = list(out.shape)
        res_layers.append(entry)
        res_acts[path] = out
        previous = path
torch.save(res.state_dict(), os.path.join(OUT, 'tiny_resnet.pt'))
save_safetensors(os.path.join(OUT, 'tiny_resnet_activations.safetensors'), res_acts)
with open(os.path.join(OUT, 'tiny_resnet_layers.json'), 'w') as fh:
    json.dump({'generator': 'tools/golden/kernel_weights.py', 'torch': torch.__version__, 'layers': res_layers}, fh, indent=1)

# PyTorch's default-init bounds, observed: max |w| of big default-initialised layers.
stats = []
for kind, module in [
    ('Conv2d', nn.Conv2d(16, 64, 3, groups=4)), ('ConvTranspose2d', nn.ConvTranspose2d(32, 48, 4, groups=2)),
    ('Linear', nn.Linear(300, 200)), ('Conv1d', nn.Conv1d(8, 128, 5)),
]:
    stats.append({'kind': kind, 'args': bound_args(module), 'maxWeight': module.weight.abs().max().item(),
                  'maxBias': module.bias.abs().max().item(), 'weightShape': list(module.weight.shape)})
with open(os.path.join(OUT, 'init_stats.json'), 'w') as fh:
    json.dump(stats, fh, indent=1)

# Hostile files. The marker path must never appear: the loader must not execute anything.
MARKER = '/tmp/conv_inspector_pwned'


class Evil:
    def __init__(self, fn, arg):
        self.fn, self.arg = fn, arg

    def __reduce__(self):
        return (self.fn, (self.arg,))


def zip_with_pickle(path, payload):
    # A fixed member date: writestr with a bare name stamps the current time, which would
    # change the fixture on every regeneration.
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_STORED) as zf:
        zf.writestr(zipfile.ZipInfo('archive/data.pkl', date_time=(1980, 1, 1, 0, 0, 0)), payload)
        zf.writestr(zipfile.ZipInfo('archive/version', date_time=(1980, 1, 1, 0, 0, 0)), '3\n')


zip_with_pickle(os.path.join(OUT, 'hostile_os_system.pt'), pickle.dumps({'weight': Evil(os.system, f'touch {MARKER}')}, protocol=2))
zip_with_pickle(os.path.join(OUT, 'hostile_eval.pt'), pickle.dumps(Evil(eval, f"open('{MARKER}', 'w')"), protocol=2))
zip_with_pickle(os.path.join(OUT, 'hostile_inst.pt'), b"(X" + struct.pack('<I', len(MARKER) + 6) + b'touch ' + MARKER.encode() + b"ios\nsystem\n.")
with open(os.path.join(OUT, 'tiny_cnn.pt'), 'rb') as fh:
    whole = fh.read()
with open(os.path.join(OUT, 'hostile_truncated.pt'), 'wb') as fh:
    fh.write(whole[: len(whole) // 2])
with open(os.path.join(OUT, 'tiny_cnn.safetensors'), 'rb') as fh:
    good = fh.read()
(header_len,) = struct.unpack('<Q', good[:8])
with open(os.path.join(OUT, 'hostile_truncated.safetensors'), 'wb') as fh:
    fh.write(good[: len(good) - 100])
with open(os.path.join(OUT, 'hostile_header_length.safetensors'), 'wb') as fh:
    fh.write(struct.pack('<Q', 2 ** 62) + good[8:])
with open(os.path.join(OUT, 'hostile_bad_json.safetensors'), 'wb') as fh:
    fh.write(struct.pack('<Q', 12) + b'{"a": [1, 2' + good[20:200])


def raw_safetensors(name, header):
    text = json.dumps(header).encode()
    with open(os.path.join(OUT, name), 'wb') as fh:
        fh.write(struct.pack('<Q', len(text)) + text + b'\0' * 64)


raw_safetensors('hostile_offsets.safetensors', {'w': {'dtype': 'F32', 'shape': [4, 4], 'data_offsets': [0, 64000]}})
raw_safetensors('hostile_overlap.safetensors', {'a': {'dtype': 'F32', 'shape': [8], 'data_offsets': [0, 32]},
                                                'b': {'dtype': 'F32', 'shape': [8], 'data_offsets': [16, 48]}})
raw_safetensors('hostile_dtype.safetensors', {'w': {'dtype': 'PYOBJ', 'shape': [2], 'data_offsets': [0, 8]}})
raw_safetensors('hostile_shape.safetensors', {'w': {'dtype': 'F32', 'shape': [3, 5], 'data_offsets': [0, 8]}})


def same_state(path, expected):
    """Whether the file at path already holds exactly these tensors."""
    if not os.path.exists(path):
        return False
    old = torch.load(path)
    return list(old) == list(expected) and all(torch.equal(old[k], expected[k]) for k in expected)


# The legacy format names each storage by its memory address, so its bytes differ on every
# run: keep the committed file while it still holds exactly these tensors.
legacy_path = os.path.join(OUT, 'legacy_format.pt')
if not same_state(legacy_path, state):
    buf = io.BytesIO()
    torch.save(state, buf, _use_new_zipfile_serialization=False)
    with open(legacy_path, 'wb') as fh:
        fh.write(buf.getvalue())
print('layers:', [l['path'] for l in layers])
