#!/usr/bin/python3
"""Golden cases for the torch.nn layers of the catalogue beyond convolutions, from real PyTorch.

For each class: seeded random VALID configurations (every constructor argument by name, the
input shape, PyTorch's output shapes as a nested list mirroring the returned tuple, and the
parameter tensors with their trainable flag) and INVALID ones with the stage that raises and
PyTorch's exact message. Writes test/fixtures/torch/catalogue_cases.json, read by
test/unit/engine/torchCatalogue.test.ts. Run with `npm run golden:torch`.
"""
import inspect
import json
import os
import random
import warnings

import torch
import torch.nn as nn

SEED = 20261203
VALID_PER_KIND = 24
OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'torch', 'catalogue_cases.json')


def recurrent_config(kind, rng):
    hidden = rng.randint(2, 12)
    kwargs = {'input_size': rng.randint(1, 10), 'hidden_size': hidden, 'num_layers': rng.randint(1, 3),
              'bias': rng.random() < 0.7, 'batch_first': rng.random() < 0.5,
              'dropout': rng.choice([0.0, 0.0, 0.25]), 'bidirectional': rng.random() < 0.5}
    if kind == 'RNN':
        kwargs['nonlinearity'] = rng.choice(['tanh', 'relu'])
    if kind == 'LSTM':
        kwargs['proj_size'] = rng.choice([0, 0, rng.randint(1, hidden - 1)])
    length, batch = rng.randint(1, 6), rng.randint(1, 4)
    if rng.random() < 0.25:
        return kwargs, [length, kwargs['input_size']]
    return kwargs, ([batch, length] if kwargs['batch_first'] else [length, batch]) + [kwargs['input_size']]


def cell_config(kind, rng):
    kwargs = {'input_size': rng.randint(1, 10), 'hidden_size': rng.randint(1, 12), 'bias': rng.random() < 0.7}
    if kind == 'RNNCell':
        kwargs['nonlinearity'] = rng.choice(['tanh', 'relu'])
    return kwargs, ([rng.randint(1, 5)] if rng.random() < 0.7 else []) + [kwargs['input_size']]


def embedding_config(kind, rng):
    count = rng.randint(1, 20)
    kwargs = {'num_embeddings': count, 'embedding_dim': rng.randint(1, 16),
              'padding_idx': rng.choice([None, None, rng.randint(-count, count - 1)])}
    return kwargs, [rng.randint(1, 5) for _ in range(rng.randint(0, 3))]


CONFIGS = {'LSTM': recurrent_config, 'GRU': recurrent_config, 'RNN': recurrent_config,
           'LSTMCell': cell_config, 'GRUCell': cell_config, 'RNNCell': cell_config,
           'Embedding': embedding_config}

INVALID = [
    ('LSTM', {'input_size': 4, 'hidden_size': 8, 'dropout': 1.5}, [3, 2, 4]),
    ('LSTM', {'input_size': 4, 'hidden_size': 8, 'proj_size': 8}, [3, 2, 4]),
    ('LSTM', {'input_size': 4, 'hidden_size': 8, 'proj_size': -1}, [3, 2, 4]),
    ('LSTM', {'input_size': 4, 'hidden_size': 8}, [3, 2, 5]),
    ('LSTM', {'input_size': 4, 'hidden_size': 8}, [1, 3, 2, 4]),
    ('LSTM', {'input_size': 4, 'hidden_size': 8, 'batch_first': True}, [4]),
    ('GRU', {'input_size': 4, 'hidden_size': 8, 'proj_size': 2}, [3, 2, 4]),
    ('GRU', {'input_size': 4, 'hidden_size': 8, 'dropout': -0.1}, [3, 2, 4]),
    ('GRU', {'input_size': 4, 'hidden_size': 8}, [3, 2, 6]),
    ('GRU', {'input_size': 4, 'hidden_size': 8, 'num_layers': 2}, [2, 2, 3, 2, 4]),
    ('RNN', {'input_size': 4, 'hidden_size': 8, 'nonlinearity': 'sigmoid'}, [3, 2, 4]),
    ('RNN', {'input_size': 4, 'hidden_size': 8, 'proj_size': 2}, [3, 2, 4]),
    ('RNN', {'input_size': 4, 'hidden_size': 8, 'bidirectional': True}, [3, 7]),
    ('RNNCell', {'input_size': 4, 'hidden_size': 8, 'nonlinearity': 'gelu'}, [2, 4]),
    ('RNNCell', {'input_size': 4, 'hidden_size': 8}, [2, 3, 4]),
    ('RNNCell', {'input_size': 4, 'hidden_size': 8}, [2, 5]),
    ('LSTMCell', {'input_size': 4, 'hidden_size': 8}, [2, 3, 4]),
    ('LSTMCell', {'input_size': 4, 'hidden_size': 8}, [3]),
    ('LSTMCell', {'input_size': 4, 'hidden_size': 8}, [2, 6]),
    ('GRUCell', {'input_size': 4, 'hidden_size': 8}, [1, 2, 3, 4]),
    ('GRUCell', {'input_size': 4, 'hidden_size': 8}, [5]),
    ('GRUCell', {'input_size': 3, 'hidden_size': 8}, [2, 4]),
    ('Embedding', {'num_embeddings': 10, 'embedding_dim': 3, 'padding_idx': 10}, [2, 5]),
    ('Embedding', {'num_embeddings': 10, 'embedding_dim': 3, 'padding_idx': -11}, [2, 5]),
    ('Embedding', {'num_embeddings': 5, 'embedding_dim': 3, 'padding_idx': 7}, [4]),
]

def bound(kind, kwargs):
    """Every constructor argument by name, defaults filled, as the engine receives them."""
    return {**{p['name']: p['default'] for p in signature(kind) if 'default' in p}, **kwargs}


def shapes(value):
    """The returned value's shapes, as a nested list mirroring its tuples."""
    if isinstance(value, tuple):
        return [shapes(item) for item in value]
    return list(value.shape)


def make_input(kind, input_shape, module):
    if kind == 'Embedding':
        return torch.randint(0, module.num_embeddings, input_shape)
    return torch.randn(*input_shape, requires_grad=True)


def run(kind, kwargs, input_shape):
    try:
        module = getattr(nn, kind)(**kwargs)
    except Exception as error:  # noqa: BLE001 - recording whatever torch raises is the point
        return {'stage': 'construct', 'message': str(error), 'exception': type(error).__name__}
    try:
        out = module(make_input(kind, input_shape, module))
    except Exception as error:  # noqa: BLE001
        return {'stage': 'apply', 'message': str(error), 'exception': type(error).__name__}
    params = [{'name': name, 'shape': list(p.shape), 'trainable': p.requires_grad}
              for name, p in module.named_parameters()]
    return {'stage': 'ok', 'outputs': shapes(out), 'params': params}


def python_params(function, skip):
    params = []
    for name, p in inspect.signature(function).parameters.items():
        if name in skip:
            continue
        params.append({'name': name} if p.default is inspect.Parameter.empty else {'name': name, 'default': p.default})
    return params


def signature(kind):
    """The constructor's parameters as a front end binds them.

    RNN, LSTM and GRU take `*args, **kwargs` and hand them to `RNNBase.__init__` after `mode`:
    record that signature instead. RNN reads a fourth positional argument as its nonlinearity,
    and RNN and GRU refuse a proj_size keyword, so for them proj_size defaults to None, which
    stands for "not given".
    """
    if kind not in ('RNN', 'LSTM', 'GRU'):
        return python_params(getattr(nn, kind).__init__, {'self'})
    params = python_params(nn.RNNBase.__init__, {'self', 'mode'})
    if kind != 'LSTM':
        params = [{'name': 'proj_size', 'default': None} if p['name'] == 'proj_size' else p for p in params]
    if kind == 'RNN':
        params.insert(3, {'name': 'nonlinearity', 'default': 'tanh'})
    return params


def main():
    rng = random.Random(SEED)
    torch.manual_seed(SEED)
    warnings.simplefilter('ignore')
    valid, errors = [], []
    for kind, config in CONFIGS.items():
        for _ in range(VALID_PER_KIND):
            kwargs, input_shape = config(kind, rng)
            result = run(kind, kwargs, input_shape)
            assert result['stage'] == 'ok', (kind, kwargs, input_shape, result)
            valid.append({'kind': kind, 'kwargs': bound(kind, kwargs), 'input': input_shape,
                          'outputs': result['outputs'], 'params': result['params']})
    for kind, kwargs, input_shape in INVALID:
        result = run(kind, kwargs, input_shape)
        assert result['stage'] != 'ok', (kind, kwargs, input_shape)
        errors.append({'kind': kind, 'kwargs': bound(kind, kwargs), 'input': input_shape, **result})
    payload = {'torch': torch.__version__, 'seed': SEED, 'generator': 'tools/golden/torch_catalogue_cases.py',
               'signatures': {kind: signature(kind) for kind in CONFIGS}, 'valid': valid, 'errors': errors}
    with open(OUT, 'w') as handle:
        json.dump(payload, handle, separators=(',', ':'), sort_keys=True)
        handle.write('\n')
    print(f'{len(valid)} valid catalogue cases, {len(errors)} error cases')


if __name__ == '__main__':
    main()
