"""Truth for `conv-inspector run --dump`: real PyTorch activations of the example models in
test/fixtures/featuremaps/*.py, with real-weight checkpoints saved by torch.save.

For every model file NAME.py (which defines `model`, an nn.Sequential) it writes:
  NAME.pt                     torch.save(state_dict) with seeded random weights and batch-norm statistics
  NAME_input.safetensors      the input tensor under the key `input` (shape from the file's own call)
  NAME_expected.safetensors   every leaf module's output in eval mode, keyed by module path ('0', '1', ...)
The safetensors files are written by a tiny writer (the `safetensors` package is not installed).
Run: /usr/bin/python3 tools/golden/feature_dump_cases.py
"""
import glob
import json
import os
import runpy
import struct

import torch

HERE = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'featuremaps')
INPUT_SHAPES = {'small_cnn': (1, 3, 32, 32), 'dilated_transposed': (1, 3, 29, 31), 'depthwise_separable': (1, 3, 40, 36)}


def save_safetensors(path, tensors):
    header, chunks, offset = {}, [], 0
    for name, tensor in tensors.items():
        raw = tensor.detach().to(torch.float32).contiguous().numpy().tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(tensor.shape), 'data_offsets': [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b' ' * ((8 - len(text) % 8) % 8)
    with open(path, 'wb') as fh:
        fh.write(struct.pack('<Q', len(text)) + text + b''.join(chunks))


for index, source in enumerate(sorted(glob.glob(os.path.join(HERE, '*.py')))):
    name = os.path.splitext(os.path.basename(source))[0]
    torch.manual_seed(100 + index)
    model = runpy.run_path(source, run_name='fixture')['model']
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.modules.batchnorm._BatchNorm):
                module.running_mean.copy_(torch.randn_like(module.running_mean) * 0.3)
                module.running_var.copy_(torch.rand_like(module.running_var) + 0.5)
                module.weight.copy_(torch.randn_like(module.weight))
                module.bias.copy_(torch.randn_like(module.bias) * 0.2)
    model.eval()
    outputs = {}

    def hook(path):
        def record(module, inputs, output):
            outputs[path] = output.detach().clone()
        return record

    for path, module in model.named_modules():
        if path and len(list(module.children())) == 0:
            module.register_forward_hook(hook(path))
    x = torch.randn(*INPUT_SHAPES[name])
    with torch.no_grad():
        model(x)
    torch.save(model.state_dict(), os.path.join(HERE, f'{name}.pt'))
    save_safetensors(os.path.join(HERE, f'{name}_input.safetensors'), {'input': x})
    save_safetensors(os.path.join(HERE, f'{name}_expected.safetensors'), outputs)
    print(f'{name}: {len(outputs)} layers, torch {torch.__version__}')
