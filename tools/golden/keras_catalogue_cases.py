#!/usr/bin/python3
"""Golden cases for the keras.layers catalogue, from real Keras 3 (numpy backend).

For each class: seeded random VALID configurations (the constructor's keyword arguments, the
input shape(s) with an open batch, Keras's output shape(s) from a symbolic call on
`keras.Input`, and the weights with shape and trainable flag) and INVALID ones with the stage
that raises (construct or apply) and Keras's exact message. A random configuration Keras
rejects is kept as an invalid case once per message; INVALID adds cases that the random draws
rarely hit. Writes test/fixtures/keras/catalogue_cases.json, read by
test/unit/tf/kerasCatalogue.test.ts.

Needs Keras 3 (see keras_fixtures.py): `KERAS_ENV=DIR npm run golden:kerascatalogue`.
"""
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from keras_fixtures import check_keras, keras_environment  # noqa: E402
import keras_recurrent_cases as recurrent  # noqa: E402

SEED = 20261203
VALID_PER_KIND = 24
OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'keras', 'catalogue_cases.json')


def rank_of(kind):
    return int(re.search(r'([123])D', kind).group(1))


def pick(rng, *values):
    return rng.choice(values)


def spatial(rng, rank, low=1, high=9):
    return [rng.randint(low, high) for _ in range(rank)]


def size_arg(rng, rank, low=1, high=3):
    """An int or a tuple of `rank` ints, as Keras accepts both."""
    return rng.randint(low, high) if rng.random() < 0.5 else tuple(rng.randint(low, high) for _ in range(rank))


def data_format(rng, kwargs):
    if rng.random() < 0.3:
        kwargs['data_format'] = pick(rng, 'channels_first', 'channels_last')
    return kwargs.get('data_format') == 'channels_first'


def image(rng, rank, channels, first, low=1, high=9):
    dims = spatial(rng, rank, low, high)
    return [channels] + dims if first else dims + [channels]


def conv_config(kind, rng):
    rank = rank_of(kind)
    kwargs = {'kernel_size': size_arg(rng, rank), 'padding': pick(rng, 'valid', 'same'), 'use_bias': rng.random() < 0.7}
    if not kind.startswith('Depthwise'):
        kwargs['filters'] = rng.randint(1, 8)
    if kind.startswith(('Depthwise', 'Separable')):
        kwargs['depth_multiplier'] = rng.randint(1, 3)
    if rng.random() < 0.5:
        kwargs['strides'] = size_arg(rng, rank)
    elif rng.random() < 0.5:
        kwargs['dilation_rate'] = size_arg(rng, rank)
    if kind.endswith('Transpose') and rng.random() < 0.3 and max(_tuple(kwargs.get('strides', 1), rank)) > 1:
        kwargs['output_padding'] = 0
    if kind.startswith('Conv') and not kind.endswith('Transpose') and rng.random() < 0.3:
        kwargs['groups'] = pick(rng, 1, 2)
        kwargs['filters'] = 2 * rng.randint(1, 4)
    if rank == 1 and not kind.endswith('Transpose') and not kind.startswith('Depthwise') and rng.random() < 0.2:
        kwargs['padding'] = 'causal'
    first = data_format(rng, kwargs)
    channels = rng.randint(1, 4) * kwargs.get('groups', 1)
    return kwargs, image(rng, rank, channels, first, 3, 10)


def _tuple(value, rank):
    return (value,) * rank if isinstance(value, int) else tuple(value)


def conv_lstm_config(kind, rng):
    rank = rank_of(kind)
    kwargs = {'filters': rng.randint(1, 5), 'kernel_size': size_arg(rng, rank), 'padding': pick(rng, 'valid', 'same'),
              'return_sequences': rng.random() < 0.5, 'use_bias': rng.random() < 0.8}
    if rng.random() < 0.4:
        kwargs['strides'] = size_arg(rng, rank)
    first = data_format(rng, kwargs)
    return kwargs, [rng.randint(1, 4)] + image(rng, rank, rng.randint(1, 3), first, 3, 7)


def pool_config(kind, rng):
    rank = rank_of(kind)
    first = False
    kwargs = {}
    if kind.startswith('Global'):
        kwargs['keepdims'] = rng.random() < 0.5
    else:
        kwargs['pool_size'] = size_arg(rng, rank)
        kwargs['padding'] = pick(rng, 'valid', 'same')
        if rng.random() < 0.5:
            kwargs['strides'] = size_arg(rng, rank)
    first = data_format(rng, kwargs)
    return kwargs, image(rng, rank, rng.randint(1, 5), first, 2, 9)


def lead_shape(rng, low_rank=1, high_rank=3):
    return [rng.randint(1, 6) for _ in range(rng.randint(low_rank, high_rank))]


def dense_config(kind, rng):
    return {'units': rng.randint(1, 16), 'use_bias': rng.random() < 0.7}, lead_shape(rng)


def norm_config(kind, rng):
    shape = lead_shape(rng, 1, 4)
    kwargs = {'center': rng.random() < 0.7, 'scale': rng.random() < 0.7}
    if rng.random() < 0.5:
        kwargs['axis'] = pick(rng, *[a for a in range(-len(shape), len(shape) + 1) if a != 0])
    return kwargs, shape


def identity_config(kind, rng):
    kwargs = {'Dropout': {'rate': 0.5}, 'GaussianNoise': {'stddev': 0.1}, 'GaussianDropout': {'rate': 0.2},
              'AlphaDropout': {'rate': 0.2}, 'Activation': {'activation': 'relu'}}.get(kind, {})
    if kind.startswith('SpatialDropout'):
        rank = rank_of(kind)
        kwargs = {'rate': 0.3}
        first = data_format(rng, kwargs) if rank > 1 else False
        return kwargs, image(rng, rank, rng.randint(1, 4), first)
    if kind in AUGMENTATIONS:
        kwargs = AUGMENTATIONS[kind](rng)
        return kwargs, image(rng, 2, rng.randint(1, 4), False) if rng.random() < 0.8 else lead_shape(rng, 1, 4)
    if kind == 'Rescaling':
        kwargs = {'scale': pick(rng, 1 / 255, 2.0), 'offset': pick(rng, 0.0, -1.0)}
    if kind == 'UnitNormalization':
        kwargs = {'axis': -1}
    if kind == 'LeakyReLU':
        kwargs = {'negative_slope': rng.random()}
    if kind == 'Softmax':
        kwargs = {'axis': -1}
    return kwargs, lead_shape(rng, 1, 4)


AUGMENTATIONS = {
    'RandomFlip': lambda rng: {'mode': pick(rng, 'horizontal', 'vertical', 'horizontal_and_vertical')},
    'RandomRotation': lambda rng: {'factor': pick(rng, 0.1, 0.5, (-0.2, 0.3))},
    'RandomBrightness': lambda rng: {'factor': pick(rng, 0.1, 0.5)},
    'RandomContrast': lambda rng: {'factor': pick(rng, 0.1, 0.5)},
    'RandomTranslation': lambda rng: {'height_factor': pick(rng, 0.1, 0.2), 'width_factor': pick(rng, 0.1, 0.3)},
    'RandomZoom': lambda rng: {'height_factor': pick(rng, 0.1, -0.2), 'width_factor': pick(rng, None, 0.2)},
}


def reshape_config(kind, rng):
    shape = lead_shape(rng, 1, 3)
    if kind == 'Flatten':
        return {}, shape
    size = 1
    for d in shape:
        size *= d
    target = [size]
    for factor in (2, 3):
        if target[-1] % factor == 0 and rng.random() < 0.5:
            target = target[:-1] + [factor, target[-1] // factor]
    if rng.random() < 0.3:
        target[rng.randrange(len(target))] = -1
    return {'target_shape': tuple(target)}, shape


def prelu_config(kind, rng):
    shape = lead_shape(rng, 1, 3)
    kwargs = {}
    if rng.random() < 0.5:
        kwargs['shared_axes'] = sorted(rng.sample(range(1, len(shape) + 1), rng.randint(1, len(shape))))
    return kwargs, shape


def permute_config(kind, rng):
    shape = lead_shape(rng, 1, 4)
    dims = list(range(1, len(shape) + 1))
    rng.shuffle(dims)
    return {'dims': tuple(dims)}, shape


def repeat_config(kind, rng):
    return {'n': rng.randint(1, 5)}, [rng.randint(1, 6)]


def resample_config(kind, rng):
    rank = rank_of(kind)
    kwargs = {}
    if kind.startswith('UpSampling'):
        kwargs['size'] = size_arg(rng, rank) if rank > 1 else rng.randint(1, 3)
    elif kind.startswith('ZeroPadding'):
        kwargs['padding'] = pick(rng, rng.randint(0, 2), tuple(rng.randint(0, 2) for _ in range(rank)))
    else:
        kwargs['cropping'] = tuple((rng.randint(0, 1), rng.randint(0, 1)) for _ in range(rank)) if rank > 1 else (rng.randint(0, 1), rng.randint(0, 1))
    first = data_format(rng, kwargs) if rank > 1 else False
    return kwargs, image(rng, rank, rng.randint(1, 4), first, 3, 8)


def merge_config(kind, rng):
    shape = lead_shape(rng, 1, 3)
    count = pick(rng, 1, 2, 2, 2, 3, 3, 3)
    if kind == 'Concatenate':
        axis = rng.randint(-len(shape), len(shape))
        axis = axis if axis != 0 else -1
        shapes_ = [list(shape) for _ in range(count)]
        for s in shapes_:
            s[axis if axis < 0 else axis - 1] = rng.randint(1, 5)
        return {'axis': axis}, shapes_
    if kind == 'Subtract':
        count = 2
    return {}, [list(shape) for _ in range(count)]


CONFIGS = {}
for n in (1, 2, 3):
    for kind in (f'Conv{n}D', f'Conv{n}DTranspose', f'ConvLSTM{n}D', f'MaxPooling{n}D', f'AveragePooling{n}D',
                 f'GlobalMaxPooling{n}D', f'GlobalAveragePooling{n}D', f'UpSampling{n}D', f'ZeroPadding{n}D', f'SpatialDropout{n}D'):
        family = re.match(r'ConvLSTM|Conv|Max|Average|Global|UpSampling|ZeroPadding|Spatial', kind).group(0)
        CONFIGS[kind] = {'ConvLSTM': conv_lstm_config, 'Conv': conv_config, 'Max': pool_config, 'Average': pool_config,
                         'Global': pool_config, 'UpSampling': resample_config, 'ZeroPadding': resample_config,
                         'Spatial': identity_config}[family]
for kind in ('SeparableConv1D', 'SeparableConv2D', 'DepthwiseConv2D'):
    CONFIGS[kind] = conv_config
CONFIGS.update({'Cropping1D': resample_config, 'Cropping2D': resample_config, 'Dense': dense_config,
                'BatchNormalization': norm_config, 'LayerNormalization': norm_config, 'Flatten': reshape_config,
                'Reshape': reshape_config, 'PReLU': prelu_config, 'Permute': permute_config, 'RepeatVector': repeat_config})
for kind in ('Dropout', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'Masking', 'Activation', 'ReLU', 'LeakyReLU', 'ELU', 'Softmax',
             'Identity', 'ActivityRegularization', 'Rescaling', 'UnitNormalization', *AUGMENTATIONS):
    CONFIGS[kind] = identity_config
for kind in ('Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate'):
    CONFIGS[kind] = merge_config
CONFIGS.update(recurrent.CONFIGS)

# Invalid configurations the random draws rarely hit: (kind, kwargs, input shape(s) without the batch).
INVALID = [
    ('Conv2D', {'filters': 0, 'kernel_size': 3}, [8, 8, 3]),
    ('Conv2D', {'filters': 4, 'kernel_size': 3, 'strides': 2, 'dilation_rate': 2}, [8, 8, 3]),
    ('Conv2D', {'filters': 4, 'kernel_size': 3}, [8, 3]),
    ('Conv2D', {'filters': 4, 'kernel_size': 5}, [3, 3, 3]),
    ('Conv2D', {'filters': 3, 'kernel_size': 1, 'groups': 2}, [4, 4, 2]),
    ('Conv2DTranspose', {'filters': 3, 'kernel_size': 3, 'strides': 2, 'output_padding': 2}, [4, 4, 2]),
    ('Conv2D', {'filters': 4, 'kernel_size': 3, 'padding': 'causal'}, [8, 8, 3]),
    ('Dense', {'units': 4}, []),
    ('MaxPooling2D', {'pool_size': 5}, [3, 3, 2]),
    ('MaxPooling2D', {'pool_size': 2}, [3, 2]),
    ('Reshape', {'target_shape': (5,)}, [2, 3]),
    ('Concatenate', {'axis': -1}, [[2, 3], [4, 3]]),
    ('Add', {}, [[2, 3], [2, 4]]),
    ('RepeatVector', {'n': 2}, [2, 3]),
    ('Add', {}, [2, 3]),
    ('Concatenate', {}, [2, 3]),
    ('Conv2D', {'filters': 4, 'kernel_size': (3, 12)}, [5, 5, 1]),
    ('AveragePooling2D', {'pool_size': (2, 12)}, [5, 5, 1]),
    ('Conv1D', {'filters': 2, 'kernel_size': 2}, [4]),
    ('UpSampling2D', {}, [4, 3]),
]
INVALID.extend(recurrent.INVALID)


def jsonable(value):
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return [jsonable(item) for item in value]
    return value


def message_of(error):
    """Keras's message; an error raised inside call() is wrapped ("Exception encountered when
    calling ...", the message in bold, the arguments): keep the message."""
    text = str(error)
    inner = re.search(r'\x1b\[1m(.*?)\x1b\[0m', text, re.S)
    return inner.group(1) if inner else text


def run(keras, kind, kwargs, shape):
    multi = bool(shape) and isinstance(shape[0], list) and not recurrent.is_cell(kind)
    try:
        layer = getattr(keras.layers, kind)(**recurrent.materialize(keras, kwargs))
    except Exception as error:  # noqa: BLE001 - recording whatever Keras raises is the point
        return {'stage': 'construct', 'message': message_of(error), 'exception': type(error).__name__}
    try:
        out = layer([keras.Input(s) for s in shape]) if multi else recurrent.call(keras, layer, kind, kwargs, shape)
    except Exception as error:  # noqa: BLE001
        return {'stage': 'apply', 'name': layer.name, 'message': message_of(error), 'exception': type(error).__name__}
    # A cell returns (output, states), a stack nests its cells' states: flat, in Keras's order.
    outputs = [list(o.shape) for o in keras.tree.flatten(out)] if isinstance(out, (list, tuple)) else list(out.shape)
    weights = [{'name': w.name, 'shape': list(w.shape), 'trainable': bool(w.trainable)} for w in layer.weights]
    return {'stage': 'ok', 'name': layer.name, 'outputs': outputs, 'weights': weights, 'params': layer.count_params()}


def with_batch(shape):
    return [with_batch(s) for s in shape] if shape and isinstance(shape[0], list) else [None] + list(shape)


def main():
    env = keras_environment()
    if os.environ.get('KERAS_CATALOGUE_CHILD') != '1':
        check_keras(env)
        os.execve(sys.executable, [sys.executable, __file__], {**env, 'KERAS_CATALOGUE_CHILD': '1'})
    import keras_truth
    keras_truth.install_shims()
    import warnings
    warnings.simplefilter('ignore')
    import keras
    valid, errors = [], []
    for kind, config in CONFIGS.items():
        # One stream per class: adding a class leaves every other class's cases as they were.
        rng = random.Random(f'{SEED}:{kind}')
        made, rejected, attempts = 0, set(), 0
        while made < VALID_PER_KIND:
            attempts += 1
            assert attempts < VALID_PER_KIND * 20, f'{kind}: too few valid random configurations'
            kwargs, shape = config(kind, rng)
            result = run(keras, kind, kwargs, shape)
            case = {'kind': kind, 'kwargs': jsonable(kwargs), 'input': with_batch(shape), **result}
            if result['stage'] != 'ok':
                pattern = ''.join('#' if ch.isdigit() else ch for ch in result['message'])
                if pattern not in rejected:
                    rejected.add(pattern)
                    errors.append(case)
                continue
            made += 1
            valid.append(case)
    for kind, kwargs, shape in INVALID:
        result = run(keras, kind, kwargs, shape)
        assert result['stage'] != 'ok', (kind, kwargs, shape)
        errors.append({'kind': kind, 'kwargs': jsonable(kwargs), 'input': with_batch(shape), **result})
    payload = {'keras': keras.__version__, 'backend': keras.backend.backend(), 'seed': SEED,
               'generator': 'tools/golden/keras_catalogue_cases.py', 'valid': valid, 'errors': errors}
    with open(OUT, 'w') as handle:
        # One case a line: a regenerated fixture diffs case by case.
        head = json.dumps({k: v for k, v in payload.items() if k not in ('valid', 'errors')}, sort_keys=True)
        lines = lambda cases: ',\n'.join(json.dumps(c, separators=(',', ':'), sort_keys=True) for c in cases)
        handle.write(f'{head[:-1]},\n"valid": [\n{lines(valid)}\n],\n"errors": [\n{lines(errors)}\n]}}\n')
    print(f'{len(valid)} valid Keras catalogue cases over {len(CONFIGS)} classes, {len(errors)} error cases')


if __name__ == '__main__':
    main()
