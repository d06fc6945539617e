#!/usr/bin/python3
"""The manifest of torch.nn layer classes in scope, read from real PyTorch.

In scope: every public class of `torch.nn` that subclasses `nn.Module`, except `Module`
itself, the losses (subclasses of `_Loss`) and the containers (Sequential, ModuleList,
ModuleDict, ParameterList, ParameterDict, Container) and the few classes listed in EXCLUDED with
the reason (abstract bases and a loss head). Writes test/fixtures/torch/manifest.json,
which test/unit/engine/torchManifest.test.ts compares with the engine's rule table, so that a
new PyTorch version shows which classes have no rule yet. Run with `npm run golden:torch`.
"""
import json
import os

import torch
import torch.nn as nn
from torch.nn.modules.loss import _Loss

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'torch', 'manifest.json')
CONTAINERS = {'Sequential', 'ModuleList', 'ModuleDict', 'ParameterList', 'ParameterDict', 'Container'}
EXCLUDED = {
    'RNNBase': 'the base class of RNN, LSTM and GRU; it has no forward of its own',
    'RNNCellBase': 'the base class of RNNCell, LSTMCell and GRUCell; it has no forward of its own',
    'AdaptiveLogSoftmaxWithLoss': 'a loss head: its forward takes the targets and returns the loss with the output',
}


def in_scope(name):
    value = getattr(nn.modules, name)
    if not isinstance(value, type) or not issubclass(value, nn.Module) or name.startswith('_'):
        return False
    return value is not nn.Module and not issubclass(value, _Loss) and name not in CONTAINERS and name not in EXCLUDED


def main():
    classes = sorted(name for name in dir(nn.modules) if in_scope(name))
    payload = {'torch': torch.__version__, 'generator': 'tools/golden/torch_manifest.py', 'classes': classes, 'excluded': EXCLUDED}
    with open(OUT, 'w') as handle:
        json.dump(payload, handle, indent=1)
        handle.write('\n')
    print(f'{len(classes)} torch.nn classes in scope')


if __name__ == '__main__':
    main()
