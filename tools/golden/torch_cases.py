#!/usr/bin/python3
"""Golden fixtures for the PyTorch engine, recorded from real PyTorch.

Writes, next to each other in test/fixtures/torch/:
  layer_cases.json   random VALID layer configurations: bound kwargs, input shape, PyTorch's
                     output shape and parameter tensors;
  error_cases.json   invalid configurations (hand-picked ones plus rejected random
                     ones) with the stage that raises and PyTorch's exact message;
  signatures.json    inspect.signature of every modelled torch.nn class, to check signatures.ts;
  coverage_cases.json  which input pixels one output pixel of a 1-d stack depends on (autograd),
                     the truth for receptive field, jump, start and gridding (torch_coverage.py).

Seeded and deterministic: run `npm run golden:torch` (uses /usr/bin/python3 with Debian's torch).
"""
import inspect
import json
import os
import random
import sys
import warnings

# Some PyTorch messages print a Python set ({'valid', 'same'}), whose order depends on string
# hashing: pin the hash seed so that the fixtures are reproducible byte for byte.
if os.environ.get('PYTHONHASHSEED') != '0':
    os.environ['PYTHONHASHSEED'] = '0'
    os.execv(sys.executable, [sys.executable] + sys.argv)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch
import torch.nn as nn

from torch_case_space import KINDS, random_config, hand_error_cases, hand_valid_cases
from torch_coverage import coverage_cases

# The defaults make the committed fixtures; tools/bench/unseenCatalogue.mjs sets them for an unseen catalogue.
SEED = int(os.environ.get('CATALOGUE_SEED', 20261129))
OUT_DIR = os.environ.get('CATALOGUE_OUT_DIR') or os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'torch')
PER_KIND = os.environ.get('CATALOGUE_PER_CLASS')
# Rejected random configurations are kept as error cases, a few per distinct message shape.
MAX_RANDOM_ERRORS_PER_SHAPE = 4


def jsonable(value):
    if isinstance(value, (tuple, list)):
        return [jsonable(v) for v in value]
    if isinstance(value, torch.dtype) or isinstance(value, torch.device):
        return str(value)
    return value


def bind(kind, kwargs):
    """Every constructor argument by name, defaults filled, as the engine receives them."""
    cls = getattr(nn, kind)
    signature = inspect.signature(cls.__init__)
    if any(p.kind == p.VAR_POSITIONAL for p in signature.parameters.values()):
        return {}
    bound = signature.bind(None, **kwargs)
    bound.apply_defaults()
    return {k: jsonable(v) for k, v in bound.arguments.items() if k != 'self'}


def param_tensors(module):
    return [{'name': name, 'shape': list(p.shape), 'trainable': p.requires_grad}
            for name, p in module.named_parameters()]


def run(kind, kwargs, input_shape):
    """('ok', output, params) or ('construct'|'apply', message)."""
    cls = getattr(nn, kind)
    try:
        module = cls(**kwargs)
    except Exception as error:  # noqa: BLE001 - recording whatever torch raises is the point
        return ('construct', str(error), type(error).__name__)
    try:
        # Inside a model most layers get an input that requires grad (it comes from a layer
        # with parameters), and some kernels differ with grad (MaxPool1d): record that case.
        out = module(torch.randn(*input_shape, requires_grad=True))
    except Exception as error:  # noqa: BLE001
        return ('apply', str(error), type(error).__name__)
    return ('ok', list(out.shape), param_tensors(module))


def version_quirk(kind, kwargs, input_shape):
    """Configurations whose outcome depends on the PyTorch version; the engine follows current PyTorch.

    PyTorch < 2.0 cannot circular-pad an unbatched input (F.pad raises 'Invalid padding size');
    later versions accept it and return the usual conv shape.
    """
    if kind.startswith('Conv') and kwargs.get('padding_mode') == 'circular':
        return len(input_shape) == int(kind[-2]) + 1
    return False


def message_shape(kind, message):
    """Groups messages that differ only in numbers, so rejected cases stay varied but few."""
    return kind + ':' + ''.join('#' if ch.isdigit() else ch for ch in message)


def main():
    rng = random.Random(SEED)
    torch.manual_seed(SEED)
    warnings.simplefilter('ignore')
    valid, errors, seen_shapes = [], [], {}

    def keep_error(kind, kwargs, input_shape, result, source):
        stage, message, error_type = result
        errors.append({'kind': kind, 'kwargs': bind(kind, kwargs),
                       'input': list(input_shape) if stage == 'apply' else None,
                       'stage': stage, 'message': message, 'exception': error_type, 'source': source})

    for kind, count in KINDS:
        count = int(PER_KIND) if PER_KIND else count
        made = 0
        attempts = 0
        while made < count and attempts < count * 40:
            attempts += 1
            kwargs, input_shape = random_config(kind, rng)
            if version_quirk(kind, kwargs, input_shape):
                continue
            result = run(kind, kwargs, input_shape)
            if result[0] == 'ok':
                valid.append({'kind': kind, 'kwargs': bind(kind, kwargs), 'input': list(input_shape),
                              'output': result[1], 'params': result[2]})
                made += 1
                continue
            shape = message_shape(kind, result[1])
            if seen_shapes.get(shape, 0) < MAX_RANDOM_ERRORS_PER_SHAPE:
                seen_shapes[shape] = seen_shapes.get(shape, 0) + 1
                keep_error(kind, kwargs, input_shape, result, 'random')
        if made < count:
            raise SystemExit(f'{kind}: only {made} valid configurations in {attempts} attempts')

    for kind, kwargs, input_shape in hand_valid_cases():
        result = run(kind, kwargs, input_shape)
        assert result[0] == 'ok', (kind, kwargs, input_shape, result)
        valid.append({'kind': kind, 'kwargs': bind(kind, kwargs), 'input': list(input_shape),
                      'output': result[1], 'params': result[2]})
    for kind, kwargs, input_shape in hand_error_cases():
        result = run(kind, kwargs, input_shape)
        assert result[0] != 'ok', (kind, kwargs, input_shape)
        keep_error(kind, kwargs, input_shape, result, 'mission')

    signatures = {}
    for kind in sorted({k for k, _ in KINDS}):
        params = []
        for name, p in inspect.signature(getattr(nn, kind).__init__).parameters.items():
            if name == 'self':
                continue
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                params.append({'name': name, 'variadic': True})
            elif p.default is inspect.Parameter.empty:
                params.append({'name': name})
            else:
                params.append({'name': name, 'default': jsonable(p.default)})
        signatures[kind] = params

    meta = {'torch': torch.__version__, 'seed': SEED, 'generator': 'tools/golden/torch_cases.py'}
    os.makedirs(OUT_DIR, exist_ok=True)
    for name, payload in (('layer_cases.json', {**meta, 'cases': valid}),
                          ('error_cases.json', {**meta, 'cases': errors}),
                          ('signatures.json', {**meta, 'signatures': signatures}),
                          ('coverage_cases.json', {**meta, 'cases': coverage_cases(SEED)})):
        with open(os.path.join(OUT_DIR, name), 'w') as handle:
            json.dump(payload, handle, separators=(',', ':'), sort_keys=True)
            handle.write('\n')
    print(f'{len(valid)} valid cases, {len(errors)} error cases, {len(signatures)} signatures')


if __name__ == '__main__':
    main()
