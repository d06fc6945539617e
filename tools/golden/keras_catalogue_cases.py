#!/usr/bin/python3
"""Golden cases for the keras.layers catalogue, from real Keras 3 (numpy backend).

For each class: seeded random VALID configurations (the constructor's keyword arguments, the
input shape(s) with an open batch, Keras's output shape(s) from a symbolic call on
`keras.Input`, and the weights with shape and trainable flag) and INVALID ones with the stage
that raises (construct or apply) and Keras's exact message. A random configuration Keras
rejects is kept as an invalid case once per message; INVALID adds cases that the random draws
rarely hit. A config may also give a call spec: tensors passed positionally
(`mha(query, value)`), keyword tensors (`key=`) and call keywords (`return_attention_scores`);
for a layer returning several tensors the shapes of a call on real arrays are recorded too
(`computed`) where they differ from the symbolic ones. Writes
test/fixtures/keras/catalogue_cases.json, read by test/unit/tf/kerasCatalogue.test.ts.

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

# The defaults make the committed fixture; tools/bench/unseenCatalogue.mjs sets them for an unseen catalogue.
SEED = int(os.environ.get('CATALOGUE_SEED', 20261203))
VALID_PER_KIND = int(os.environ.get('CATALOGUE_PER_CLASS', 24))
OUT = os.environ.get('CATALOGUE_OUT') or os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'keras', 'catalogue_cases.json')


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


def input_layer_config(kind, rng):
    """InputLayer is not called: `shape` (open sizes too) with or without `batch_size`, or a `batch_shape`."""
    dims = [None if rng.random() < 0.2 else rng.randint(1, 9) for _ in range(rng.randint(1, 4))]
    draw = rng.random()
    if draw < 0.5:
        return {'shape': tuple(dims)}, []
    if draw < 0.75:
        return {'shape': tuple(dims), 'batch_size': rng.randint(1, 8)}, []
    return {'batch_shape': tuple([pick(rng, None, rng.randint(1, 8))] + dims)}, []


CONFIGS['InputLayer'] = input_layer_config

def adaptive_pool_config(kind, rng):
    rank = rank_of(kind)
    kwargs = {'output_size': rng.randint(1, 6) if rng.random() < 0.5 else tuple(rng.randint(1, 6) for _ in range(rank))}
    first = data_format(rng, kwargs)
    return kwargs, image(rng, rank, rng.randint(1, 4), first, 1, 9)


def cropping3d_config(kind, rng):
    kwargs = {}
    style = rng.randrange(4)
    if style == 1:
        kwargs['cropping'] = rng.randint(0, 2)
    elif style == 2:
        kwargs['cropping'] = tuple(rng.randint(0, 2) for _ in range(3))
    elif style == 3:
        kwargs['cropping'] = tuple((rng.randint(0, 2), rng.randint(0, 2)) for _ in range(3))
    first = data_format(rng, kwargs)
    return kwargs, image(rng, 3, rng.randint(1, 3), first, 5, 9)


def image_size_config(kind, rng):
    """CenterCrop / Resizing / RandomCrop: a batch of images (rank 4) or one image (rank 3;
    Keras reads the open first axis as the height); Resizing and RandomCrop take other ranks too."""
    kwargs = {'height': rng.randint(1, 10), 'width': rng.randint(1, 10)}
    if kind == 'Resizing':
        kwargs['interpolation'] = pick(rng, 'bilinear', 'nearest', 'bicubic', 'area', 'lanczos3')
        aspect = rng.random()
        if aspect < 0.3:
            kwargs['crop_to_aspect_ratio'] = True
        elif aspect < 0.6:
            kwargs['pad_to_aspect_ratio'] = True
            kwargs['fill_mode'] = 'constant'
    first = data_format(rng, kwargs)
    draw = rng.random()
    if draw < 0.55:
        return kwargs, image(rng, 2, rng.randint(1, 4), first, 2, 12)
    if draw < 0.9 or kind == 'CenterCrop':
        return kwargs, image(rng, 1, rng.randint(1, 4), first, 2, 12)
    return kwargs, lead_shape(rng, 4, 4)


for n in (1, 2, 3):
    CONFIGS[f'AdaptiveAveragePooling{n}D'] = adaptive_pool_config
    CONFIGS[f'AdaptiveMaxPooling{n}D'] = adaptive_pool_config
def depthwise1d_config(kind, rng):
    """As conv_config, and sometimes strides with dilation together (Keras's depthwise convolutions accept both)."""
    kwargs, shape = conv_config(kind, rng)
    if rng.random() < 0.25:
        kwargs['strides'], kwargs['dilation_rate'] = rng.randint(2, 3), rng.randint(2, 3)
        shape[0 if kwargs.get('data_format') != 'channels_first' else 1] += 6
    return kwargs, shape


CONFIGS.update({'Cropping3D': cropping3d_config, 'DepthwiseConv1D': depthwise1d_config, 'CenterCrop': image_size_config,
                'Resizing': image_size_config, 'RandomCrop': image_size_config})

def unit_factor(rng, low=0.0):
    """A factor as these layers take it: a number in [low, 1] or an ordered pair in that range."""
    if rng.random() < 0.6:
        return round(rng.uniform(max(low, 0.05), 1), 2)
    a, b = sorted(round(rng.uniform(low, 1), 2) for _ in range(2))
    return (a, b)


def value_range(rng):
    return pick(rng, (0, 255), (0, 1), (-1, 1))


SHAPE_KEEPING = {
    'AugMix': lambda rng: {'value_range': value_range(rng), 'num_chains': rng.randint(1, 4), 'chain_depth': rng.randint(1, 4),
                           'factor': unit_factor(rng), 'alpha': pick(rng, 0.5, 1.0), 'all_ops': rng.random() < 0.5,
                           'interpolation': pick(rng, 'nearest', 'bilinear')},
    'AutoContrast': lambda rng: {'value_range': value_range(rng)},
    'ContrastLimitedAdaptiveHistogramEqualization': lambda rng: {'value_range': value_range(rng), 'clip_limit': pick(rng, 2.0, 4.0),
                                                                 'tile_grid_size': (rng.randint(1, 8), rng.randint(1, 8))},
    'CutMix': lambda rng: {'factor': unit_factor(rng)},
    'Equalization': lambda rng: {'value_range': value_range(rng), 'bins': pick(rng, 16, 128, 256)},
    'MaxNumBoundingBoxes': lambda rng: {'max_number': rng.randint(1, 10), 'fill_value': pick(rng, -1, 0)},
    'MixUp': lambda rng: {'alpha': pick(rng, 0.2, 0.5, 1.0)},
    'RandAugment': lambda rng: {'value_range': value_range(rng), 'num_ops': rng.randint(1, 4), 'factor': unit_factor(rng),
                                'interpolation': pick(rng, 'nearest', 'bilinear')},
    'RandomColorDegeneration': lambda rng: {'factor': unit_factor(rng, -1.0), 'value_range': value_range(rng)},
    'RandomColorJitter': lambda rng: {key: unit_factor(rng) for key in ('brightness_factor', 'contrast_factor', 'saturation_factor', 'hue_factor')
                                      if rng.random() < 0.5},
    'RandomElasticTransform': lambda rng: {'factor': unit_factor(rng), 'scale': unit_factor(rng), 'interpolation': pick(rng, 'nearest', 'bilinear'),
                                           'fill_mode': pick(rng, 'reflect', 'wrap', 'constant', 'mirror', 'nearest')},
    'RandomErasing': lambda rng: {'factor': unit_factor(rng), 'scale': pick(rng, (0.02, 0.33), (0.1, 0.5)), 'fill_value': pick(rng, None, 0.0)},
    'RandomGaussianBlur': lambda rng: {'factor': unit_factor(rng), 'kernel_size': pick(rng, 1, 3, 5, (3, 5)), 'sigma': unit_factor(rng)},
    'RandomGrayscale': lambda rng: {'factor': round(rng.random(), 2)},
    'RandomHue': lambda rng: {'factor': unit_factor(rng), 'value_range': value_range(rng)},
    'RandomInvert': lambda rng: {'factor': unit_factor(rng), 'value_range': value_range(rng)},
    'RandomPerspective': lambda rng: {'factor': unit_factor(rng), 'scale': round(rng.random(), 2), 'interpolation': pick(rng, 'nearest', 'bilinear')},
    'RandomPosterization': lambda rng: {'factor': pick(rng, rng.randint(1, 8), tuple(sorted((rng.randint(1, 8), rng.randint(1, 8)))))},
    'RandomSaturation': lambda rng: {'factor': unit_factor(rng, -1.0), 'value_range': value_range(rng)},
    'RandomSharpness': lambda rng: {'factor': unit_factor(rng), 'value_range': value_range(rng)},
    'RandomShear': lambda rng: {'x_factor': unit_factor(rng), 'y_factor': unit_factor(rng), 'interpolation': pick(rng, 'nearest', 'bilinear'),
                                'fill_mode': pick(rng, 'reflect', 'wrap', 'constant', 'nearest')},
    'Solarization': lambda rng: {'addition_factor': unit_factor(rng), 'threshold_factor': unit_factor(rng), 'value_range': value_range(rng)},
}


def shape_keeping_config(kind, rng):
    """A batch of images (rank 4) or one image (rank 3); RandomColorDegeneration needs 3 channels."""
    kwargs = SHAPE_KEEPING[kind](rng)
    first = data_format(rng, kwargs)
    channels = 3 if kind == 'RandomColorDegeneration' else rng.randint(1, 4)
    return kwargs, image(rng, 2 if rng.random() < 0.6 else 1, channels, first, 2, 12)


for kind in SHAPE_KEEPING:
    CONFIGS[kind] = shape_keeping_config

def audio_config(kind, rng):
    """MelSpectrogram on a batch of signals (rank 2) or one signal (rank 1, open length);
    STFTSpectrogram on (batch, time, channels) signals."""
    if kind == 'MelSpectrogram':
        fft = pick(rng, 64, 128, 256, 512)
        kwargs = {'fft_length': fft, 'sequence_stride': rng.randint(16, 256), 'num_mel_bins': rng.randint(8, 128)}
        if rng.random() < 0.4:
            kwargs['sequence_length'] = rng.randint(16, fft)
        return kwargs, pick(rng, [rng.randint(1, 4000)], [], [rng.randint(1, 4000), rng.randint(1, 3)])
    frame = rng.randint(4, 128)
    kwargs = {'frame_length': frame, 'mode': pick(rng, 'log', 'magnitude', 'psd', 'real', 'imag', 'angle', 'stft'),
              'padding': pick(rng, 'valid', 'same'), 'expand_dims': rng.random() < 0.4}
    if rng.random() < 0.6:
        kwargs['frame_step'] = rng.randint(1, frame)
    if rng.random() < 0.5:
        kwargs['fft_length'] = rng.randint(frame, 2 * frame)
    first = data_format(rng, kwargs)
    channels, time = rng.randint(1, 3), rng.randint(frame, 1000)
    return kwargs, [channels, time] if first else [time, channels]


CONFIGS['MelSpectrogram'] = audio_config
CONFIGS['STFTSpectrogram'] = audio_config



def attention_config(kind, rng):
    """Attention / AdditiveAttention: called on [query, value] or [query, value, key]."""
    lead = [rng.randint(1, 3)] if rng.random() < 0.2 else []
    dim = rng.randint(1, 6)
    tq, tv = rng.randint(1, 6), rng.randint(1, 6)
    kwargs = {'use_scale': rng.random() < 0.5}
    if kind == 'Attention' and rng.random() < 0.4:
        kwargs['score_mode'] = pick(rng, 'dot', 'concat')
    shapes = [lead + [tq, dim], lead + [tv, dim]]
    if rng.random() < 0.4:
        # A separate key: the value may then have its own width.
        shapes = [lead + [tq, dim], lead + [tv, rng.randint(1, 6)], lead + [tv, dim]]
    call = {'kwargs': {}}
    if rng.random() < 0.5:
        call['kwargs']['return_attention_scores'] = True
    if rng.random() < 0.2:
        call['kwargs']['use_causal_mask'] = True
    return kwargs, shapes, call


def mha_config(kind, rng):
    """MultiHeadAttention(...)(query, value, key=None), ranks 3 and 4 (with attention_axes)."""
    kwargs = {'num_heads': rng.randint(1, 4), 'key_dim': rng.randint(1, 6), 'use_bias': rng.random() < 0.7}
    if rng.random() < 0.4:
        kwargs['value_dim'] = rng.randint(1, 6)
    if rng.random() < 0.3:
        kwargs['output_shape'] = pick(rng, rng.randint(1, 6), (rng.randint(1, 4),), (rng.randint(1, 3), rng.randint(1, 3)))
    if rng.random() < 0.2:
        kwargs['use_gate'] = True
    lead = []
    if rng.random() < 0.3:
        lead = [rng.randint(1, 3)]
        if rng.random() < 0.7:
            kwargs['attention_axes'] = pick(rng, 1, 2, -2, (1, 2), [2])
    tq, tv = rng.randint(1, 6), rng.randint(1, 6)
    if kwargs.get('attention_axes') == 1:
        tv = tq  # the sequence axis is then a batch axis: query and value must agree on it
    shapes = [lead + [tq, rng.randint(1, 6)], lead + [tv, rng.randint(1, 6)]]
    call = {'positional': True, 'kwargs': {}}
    if rng.random() < 0.4:
        call['kwargs']['key'] = lead + [tv, rng.randint(1, 6)]
    if rng.random() < 0.5:
        call['kwargs']['return_attention_scores'] = True
    return kwargs, shapes, call


def gqa_config(kind, rng):
    kv_heads = rng.randint(1, 3)
    kwargs = {'head_dim': rng.randint(1, 6), 'num_query_heads': kv_heads * rng.randint(1, 3), 'num_key_value_heads': kv_heads,
              'use_bias': rng.random() < 0.7, 'use_gate': rng.random() < 0.2}
    dim, tv = rng.randint(1, 6), rng.randint(1, 6)
    shapes = [[rng.randint(1, 6), dim], [tv, dim]]
    call = {'positional': True, 'kwargs': {}}
    if rng.random() < 0.4:
        call['kwargs']['key'] = [tv, rng.randint(1, 6)]
    if rng.random() < 0.5:
        call['kwargs']['return_attention_scores'] = True
    return kwargs, shapes, call


EINSUM_EQUATIONS = [
    # (equation, input shape drawer, output letters that come from the kernel)
    ('ab,bc->ac', 1),
    ('abc,cd->abd', 2),
    ('abc,cde->abde', 2),
    ('abc,cd->ad', 2),
    ('ab,bcd->acd', 1),
    ('abcd,de->abce', 3),
    ('...b,bc->...c', None),
    ('abc...,cd->abd...', None),
    ('abc,dce->abde', 2),
]


def einsum_config(kind, rng):
    equation, rank = pick(rng, *EINSUM_EQUATIONS)
    inputs, weights, outputs = re.match(r'([a-z.]+),([a-z]+)->([a-z.]+)', equation).groups()
    letters = inputs.replace('...', '')
    if rank is None:
        rank = len(letters) - 1 + rng.randint(0, 2)
    shape = [rng.randint(1, 5) for _ in range(rank)]
    sizes = dict(zip(letters[1:], shape)) if not inputs.startswith('...') else dict(zip(letters, shape[-len(letters):]))
    out_letters = outputs.replace('...', '')
    partial = []
    for letter in out_letters[0 if inputs.startswith('...') else 1:]:
        if letter in sizes:
            partial.append(sizes[letter] if rng.random() < 0.6 else None)
        else:
            partial.append(rng.randint(1, 5))
    kwargs = {'equation': equation, 'output_shape': partial[0] if len(partial) == 1 and rng.random() < 0.5 else tuple(partial)}
    bias_candidates = [c for c in out_letters if c in weights]
    if bias_candidates and rng.random() < 0.6:
        kwargs['bias_axes'] = ''.join(c for c in out_letters if c in bias_candidates and rng.random() < 0.7) or bias_candidates[-1]
    return kwargs, shape


def dot_config(kind, rng):
    rank1 = rng.randint(1, 3)
    rank2 = rng.randint(1, 3)
    a = [rng.randint(1, 5) for _ in range(rank1)]
    b = [rng.randint(1, 5) for _ in range(rank2)]
    if rng.random() < 0.5:
        axes = rng.randint(1, min(rank1, rank2)) if rng.random() < 0.6 else -1
        pair = (axes, axes) if axes > 0 else (rank1, rank2)
    else:
        pair = (rng.randint(1, rank1), rng.randint(1, rank2))
        axes = [pair[0], pair[1]] if rng.random() < 0.7 else [pair[0] - rank1 - 1, pair[1]]
    b[pair[1] - 1] = a[pair[0] - 1]
    kwargs = {'axes': axes}
    if rng.random() < 0.3:
        kwargs['normalize'] = True
    return kwargs, [a, b]


def category_config(kind, rng):
    kwargs = {'num_tokens': rng.randint(1, 10)}
    if rng.random() < 0.8:
        kwargs['output_mode'] = pick(rng, 'one_hot', 'multi_hot', 'count', 'binary')
    return kwargs, pick(rng, [], [1], [rng.randint(1, 5)], [rng.randint(1, 5), 1], [rng.randint(1, 4), rng.randint(1, 4)])


def discretization_config(kind, rng):
    if rng.random() < 0.5:
        kwargs = {'bin_boundaries': sorted(round(rng.uniform(-2, 2), 2) for _ in range(rng.randint(0, 4)))}
    else:
        kwargs = {'num_bins': rng.randint(0, 6)}
    if rng.random() < 0.7:
        kwargs['output_mode'] = pick(rng, 'int', 'one_hot', 'multi_hot', 'count')
    return kwargs, pick(rng, [], [1], [rng.randint(1, 5)], [rng.randint(1, 5), 1], [rng.randint(1, 4), rng.randint(1, 4)])


def normalization_config(kind, rng):
    shape = lead_shape(rng, 1, 3)
    kwargs = {}
    axes = list(range(1, len(shape) + 1))
    if rng.random() < 0.5:
        kwargs['axis'] = pick(rng, -1, None, rng.choice(axes), tuple(sorted(rng.sample(axes, rng.randint(1, len(axes))))))
    kept = kwargs.get('axis', -1)
    kept = () if kept is None else (kept,) if isinstance(kept, int) else kept
    if kind == 'Normalization' and rng.random() < 0.4:
        size = shape[kept[-1] - 1 if kept[-1] > 0 else kept[-1]] if kept else 1
        kwargs['mean'] = pick(rng, 0.5, [0.5] * size)
        kwargs['variance'] = 2.0 if isinstance(kwargs['mean'], float) else [2.0] * size
        if not kept:
            kwargs['mean'], kwargs['variance'] = 0.5, 2.0
    if kind == 'RMSNormalization':
        kwargs = {'axis': pick(rng, -1, rng.choice(axes), sorted(rng.sample(axes, rng.randint(1, len(axes)))))}
    return kwargs, shape


def group_norm_config(kind, rng):
    groups = rng.randint(1, 4)
    shape = lead_shape(rng, 0, 2)
    channels = groups * rng.randint(1, 3)
    kwargs = {'groups': groups, 'center': rng.random() < 0.7, 'scale': rng.random() < 0.7}
    if rng.random() < 0.3:
        kwargs['axis'] = 1
        return kwargs, [channels] + shape
    if rng.random() < 0.2:
        kwargs['groups'] = -1
    return kwargs, shape + [channels]


# Attention, einsum, dot, encoding and the newer normalizations: configs may add a call spec.
CONFIGS.update({'Attention': attention_config, 'AdditiveAttention': attention_config, 'MultiHeadAttention': mha_config,
                'GroupQueryAttention': gqa_config, 'EinsumDense': einsum_config, 'Dot': dot_config,
                'CategoryEncoding': category_config, 'Discretization': discretization_config,
                'Normalization': normalization_config, 'RMSNormalization': normalization_config,
                'GroupNormalization': group_norm_config})


def spectral_config(kind, rng):
    """SpectralNormalization around a layer with a kernel (or an Embedding's embeddings); the
    wrapped layer is named so that it leaves the auto-name counters of later classes alone."""
    nested = recurrent.nested
    choice = rng.randrange(6)
    if choice == 0:
        inner = nested('Dense', units=rng.randint(1, 8), use_bias=rng.random() < 0.7, name='inner')
        shape = lead_shape(rng, 1, 3)
    elif choice in (1, 2, 3):
        rank = choice
        conv = rng.choice([f'Conv{rank}D', f'Conv{rank}DTranspose'] + (['DepthwiseConv1D', 'DepthwiseConv2D'][rank - 1:rank] if rank < 3 else []))
        size = {'kernel_size': rng.randint(1, 3), 'strides': rng.randint(1, 2), 'padding': rng.choice(['valid', 'same']), 'use_bias': rng.random() < 0.7}
        if conv.startswith('Depthwise'):
            size['depth_multiplier'] = rng.randint(1, 3)
        else:
            size['filters'] = rng.randint(1, 6)
        inner = nested(conv, name='inner', **size)
        shape = [rng.randint(3, 8) for _ in range(rank)] + [rng.randint(1, 4)]
    elif choice == 4:
        inner = nested('Embedding', input_dim=rng.randint(1, 30), output_dim=rng.randint(1, 8), name='inner')
        shape = [rng.randint(1, 6) for _ in range(rng.randint(0, 2))]
    else:
        inner = nested('EinsumDense', equation='ab,bc->ac', output_shape=rng.randint(1, 6), bias_axes=rng.choice(['c', None]), name='inner')
        shape = [rng.randint(1, 6)]
    kwargs = {'layer': inner}
    if rng.random() < 0.5:
        kwargs['power_iterations'] = rng.randint(1, 4)
    return kwargs, shape


CONFIGS['SpectralNormalization'] = spectral_config

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
    # Adaptive pooling, Cropping3D, DepthwiseConv1D, CenterCrop / Resizing / RandomCrop.
    ('AdaptiveAveragePooling2D', {'output_size': (3, 4, 5)}, [8, 8, 2]),
    ('AdaptiveMaxPooling3D', {'output_size': 2.5}, [8, 8, 8, 2]),
    ('AdaptiveAveragePooling1D', {'output_size': (3, 4)}, [8, 2]),
    ('AdaptiveMaxPooling1D', {'output_size': 'a'}, [8, 2]),
    ('AdaptiveMaxPooling2D', {'output_size': 3, 'data_format': 'nchw'}, [2, 8, 8]),
    ('AdaptiveAveragePooling3D', {'output_size': (2, -1, 2)}, [5, 5, 5, 1]),
    ('AdaptiveMaxPooling1D', {'output_size': -2}, [8, 2]),
    ('AdaptiveAveragePooling2D', {'output_size': (2, -3)}, [5, 5, 1]),
    ('AdaptiveMaxPooling2D', {'output_size': (1, 2, 3)}, [5, 5, 1]),
    ('AdaptiveAveragePooling3D', {'output_size': 'big'}, [5, 5, 5, 1]),
    ('AdaptiveMaxPooling3D', {'output_size': -1}, [5, 5, 5, 1]),
    ('AdaptiveAveragePooling1D', {'output_size': 2, 'data_format': 'NWC'}, [5, 1]),
    ('AdaptiveAveragePooling1D', {'output_size': 2.5}, [5, 1]),
    ('AdaptiveMaxPooling1D', {'output_size': 2, 'data_format': 'x'}, [5, 1]),
    ('AdaptiveAveragePooling2D', {'output_size': 2, 'data_format': 'channels'}, [5, 5, 1]),
    ('AdaptiveMaxPooling2D', {'output_size': -1}, [5, 5, 1]),
    ('AdaptiveAveragePooling3D', {'output_size': 2, 'data_format': 'x'}, [5, 5, 5, 1]),
    ('AdaptiveMaxPooling3D', {'output_size': (1, 2)}, [5, 5, 5, 1]),
    ('Cropping3D', {'cropping': -1}, [8, 8, 8, 2]),
    ('Cropping3D', {'cropping': (1, 2)}, [8, 8, 8, 2]),
    ('Cropping3D', {'cropping': ((-1, 2), 1, 1)}, [8, 8, 8, 2]),
    ('Cropping3D', {'cropping': (1, 1.5, 1)}, [8, 8, 8, 2]),
    ('Cropping3D', {'cropping': 4}, [8, 8, 8, 2]),
    ('Cropping3D', {'cropping': ((1, 1), (2, 2), (1, 0)), 'data_format': 'channels_first'}, [2, 2, 8, 2]),
    ('Cropping3D', {'cropping': 1}, [8, 8, 2]),
    ('Cropping3D', {'data_format': 'bad'}, [8, 8, 8, 2]),
    ('DepthwiseConv1D', {'kernel_size': 4, 'strides': 2, 'dilation_rate': 3}, [5, 2]),
    ('DepthwiseConv1D', {'kernel_size': 5}, [3, 2]),
    ('DepthwiseConv1D', {'kernel_size': 3}, [8]),
    ('DepthwiseConv1D', {'kernel_size': 3, 'padding': 'causal'}, [8, 3]),
    ('CenterCrop', {'height': 3, 'width': 4}, [8]),
    ('CenterCrop', {'height': 3, 'width': 4}, [8, 8, 8, 2]),
    ('CenterCrop', {'height': -3, 'width': 4}, [8, 8, 2]),
    ('CenterCrop', {'height': 3, 'width': 2.5}, [8, 2]),
    ('CenterCrop', {'height': 3, 'width': 4, 'data_format': 'cf'}, [8, 8]),
    ('Resizing', {'height': -3, 'width': 4}, [8, 8, 2]),
    ('Resizing', {'height': 3, 'width': 4}, []),
    ('Resizing', {'height': 3, 'width': -4, 'data_format': 'channels_first'}, [2, 8, 8]),
    ('Resizing', {'height': 3, 'width': 4, 'data_format': 'NHWC'}, [8, 8, 2]),
    ('RandomCrop', {'height': 3, 'width': 4}, [8]),
    ('RandomCrop', {'height': -1, 'width': 4}, [8, 8, 2]),
    ('RandomCrop', {'height': 3, 'width': 4, 'data_format': 'channels_first'}, []),
    ('RandomCrop', {'height': 3, 'width': 4, 'data_format': 'chw'}, [8, 8, 2]),
    # The shape-keeping augmentations: their constructor checks (and RandomColorDegeneration's input check).
    ('AugMix', {'factor': 1.5}, [6, 7, 3]),
    ('AugMix', {'factor': (-1, 0.5)}, [6, 7, 3]),
    ('AugMix', {'value_range': 5}, [6, 7, 3]),
    ('AugMix', {'interpolation': 'bicubic'}, [6, 7, 3]),
    ('AutoContrast', {'value_range': 5}, [6, 7, 3]),
    ('AutoContrast', {'value_range': (0, 1, 2)}, [6, 7, 3]),
    ('AutoContrast', {'data_format': 'x'}, [6, 7, 3]),
    ('ContrastLimitedAdaptiveHistogramEqualization', {'data_format': 'x'}, [6, 7, 3]),
    ('ContrastLimitedAdaptiveHistogramEqualization', {'data_format': 'NHWC'}, [6, 7, 3]),
    ('ContrastLimitedAdaptiveHistogramEqualization', {'data_format': 'channels'}, [6, 7, 3]),
    ('CutMix', {'factor': 1.5}, [6, 7, 3]),
    ('CutMix', {'factor': (0.1, 0.2, 0.3)}, [6, 7, 3]),
    ('CutMix', {'factor': 'a'}, [6, 7, 3]),
    ('Equalization', {'value_range': 5}, [6, 7, 3]),
    ('Equalization', {'data_format': 'x'}, [6, 7, 3]),
    ('Equalization', {'value_range': (0, 1, 2), 'data_format': 'x'}, [6, 7, 3]),
    ('MaxNumBoundingBoxes', {}, [6, 7, 3]),
    ('MaxNumBoundingBoxes', {'max_number': 'a'}, [6, 7, 3]),
    ('MaxNumBoundingBoxes', {'max_number': None}, [6, 7, 3]),
    ('MaxNumBoundingBoxes', {'max_number': 3, 'fill_value': 'x'}, [6, 7, 3]),
    ('MixUp', {'data_format': 'x'}, [6, 7, 3]),
    ('MixUp', {'data_format': 'NCHW'}, [6, 7, 3]),
    ('MixUp', {'data_format': 'first'}, [6, 7, 3]),
    ('RandAugment', {'factor': 2}, [6, 7, 3]),
    ('RandAugment', {'factor': (-0.5, 0.5)}, [6, 7, 3]),
    ('RandAugment', {'value_range': (1, 2, 3)}, [6, 7, 3]),
    ('RandomColorDegeneration', {'factor': 1.5}, [6, 7, 3]),
    ('RandomColorDegeneration', {'factor': 0.2, 'value_range': 5}, [6, 7, 3]),
    ('RandomColorDegeneration', {'factor': 0.2}, [6, 7, 4]),
    ('RandomColorDegeneration', {'factor': 0.2, 'data_format': 'channels_first'}, [6, 7, 3]),
    ('RandomColorDegeneration', {'factor': 0.2}, [5]),
    ('RandomColorDegeneration', {'factor': 0.2}, [2, 6, 7, 3]),
    ('RandomColorJitter', {'brightness_factor': 2}, [6, 7, 3]),
    ('RandomColorJitter', {'contrast_factor': 2}, [6, 7, 3]),
    ('RandomColorJitter', {'hue_factor': -0.5}, [6, 7, 3]),
    ('RandomColorJitter', {'value_range': 5, 'saturation_factor': 0.2}, [6, 7, 3]),
    ('RandomElasticTransform', {'scale': 2}, [6, 7, 3]),
    ('RandomElasticTransform', {'interpolation': 'cubic'}, [6, 7, 3]),
    ('RandomElasticTransform', {'fill_mode': 'x'}, [6, 7, 3]),
    ('RandomErasing', {'scale': 2}, [6, 7, 3]),
    ('RandomErasing', {'factor': -0.5}, [6, 7, 3]),
    ('RandomErasing', {'scale': (0.1, 0.2, 0.3)}, [6, 7, 3]),
    ('RandomGaussianBlur', {'kernel_size': 4}, [6, 7, 3]),
    ('RandomGaussianBlur', {'kernel_size': (3, 4)}, [6, 7, 3]),
    ('RandomGaussianBlur', {'kernel_size': (3, 3, 3)}, [6, 7, 3]),
    ('RandomGaussianBlur', {'sigma': 2}, [6, 7, 3]),
    ('RandomGrayscale', {'factor': 1.5}, [6, 7, 3]),
    ('RandomGrayscale', {'factor': (0.1, 0.2)}, [6, 7, 3]),
    ('RandomGrayscale', {'data_format': 'x'}, [6, 7, 3]),
    ('RandomHue', {}, [6, 7, 3]),
    ('RandomHue', {'factor': 1.5}, [6, 7, 3]),
    ('RandomHue', {'factor': None}, [6, 7, 3]),
    ('RandomInvert', {'factor': 9}, [6, 7, 3]),
    ('RandomInvert', {'factor': (2, 3)}, [6, 7, 3]),
    ('RandomInvert', {'data_format': 'x'}, [6, 7, 3]),
    ('RandomPerspective', {'scale': 2}, [6, 7, 3]),
    ('RandomPerspective', {'interpolation': 'cubic'}, [6, 7, 3]),
    ('RandomPerspective', {'factor': -0.5}, [6, 7, 3]),
    ('RandomPosterization', {'factor': 0}, [6, 7, 3]),
    ('RandomPosterization', {'factor': (0.6, 0.3)}, [6, 7, 3]),
    ('RandomPosterization', {'factor': 2, 'value_range': 5}, [6, 7, 3]),
    ('RandomPosterization', {}, [6, 7, 3]),
    ('RandomSaturation', {'factor': 1.5}, [6, 7, 3]),
    ('RandomSaturation', {'factor': 0.2, 'value_range': (1, 2, 3)}, [6, 7, 3]),
    ('RandomSaturation', {'factor': 'a'}, [6, 7, 3]),
    ('RandomSharpness', {'factor': 1.5}, [6, 7, 3]),
    ('RandomSharpness', {'factor': 0.2, 'value_range': 5}, [6, 7, 3]),
    ('RandomSharpness', {'factor': 0.2, 'data_format': 'x'}, [6, 7, 3]),
    ('RandomShear', {'x_factor': 2}, [6, 7, 3]),
    ('RandomShear', {'y_factor': (0.1, 0.2, 0.3)}, [6, 7, 3]),
    ('RandomShear', {'x_factor': (-0.5, 0.2)}, [6, 7, 3]),
    ('RandomShear', {'x_factor': 'a'}, [6, 7, 3]),
    ('RandomShear', {'fill_mode': 'x'}, [6, 7, 3]),
    ('RandomShear', {'interpolation': 'x'}, [6, 7, 3]),
    ('Solarization', {'addition_factor': 2}, [6, 7, 3]),
    ('Solarization', {'threshold_factor': (0.1, 0.2, 0.3)}, [6, 7, 3]),
    ('Solarization', {'addition_factor': 'a'}, [6, 7, 3]),
    ('Solarization', {'value_range': 5}, [6, 7, 3]),
    ('Solarization', {'threshold_factor': -0.5}, [6, 7, 3]),
    # Audio front ends.
    ('MelSpectrogram', {'fft_length': 256, 'sequence_length': 512}, [1000]),
    ('MelSpectrogram', {'sequence_length': 4096}, [1000]),
    ('MelSpectrogram', {'fft_length': 128, 'sequence_length': 129}, [1000]),
    ('STFTSpectrogram', {'frame_length': 64}, [30, 2]),
    ('STFTSpectrogram', {'frame_length': 64}, [100]),
    ('STFTSpectrogram', {'frame_length': 64, 'frame_step': 100}, [100, 1]),
    ('STFTSpectrogram', {'frame_length': 64, 'fft_length': 32}, [100, 1]),
    ('STFTSpectrogram', {'mode': 'x'}, [100, 1]),
    ('STFTSpectrogram', {'scaling': 'x'}, [100, 1]),
    ('STFTSpectrogram', {'padding': 'causal'}, [100, 1]),
    ('STFTSpectrogram', {'window': 'foo'}, [100, 1]),
    ('STFTSpectrogram', {'window': 'kaiser'}, [100, 1]),
    ('STFTSpectrogram', {'data_format': 'foo'}, [100, 1]),
    ('STFTSpectrogram', {'frame_length': 16, 'data_format': 'channels_first', 'mode': 'stft'}, [2, 10]),
]


# At least three invalid configurations per class, constructor arguments and inputs alike:
# (kind, kwargs, input shape(s) without the batch). Tuples stay tuples in Keras's messages.
for n in (1, 2, 3):
    frame = [6] * n + [3]
    small = [1] * n + [3]
    wrong_tuple = (2,) * (n + 1)
    for kind in (f'Conv{n}D', f'Conv{n}DTranspose', *{1: ('SeparableConv1D',), 2: ('SeparableConv2D', 'DepthwiseConv2D')}.get(n, ())):
        base = {} if kind.startswith('Depthwise') else {'filters': 2}
        INVALID += [
            (kind, {**base, 'kernel_size': 0}, frame),
            (kind, {**base, 'kernel_size': 2, 'strides': wrong_tuple}, frame),
            (kind, {**base, 'kernel_size': 2, 'padding': 'full'}, frame),
            (kind, {**base, 'kernel_size': 2, 'data_format': 'channels_middle'}, frame),
            (kind, {**base, 'kernel_size': 2, 'activation': 'swishy'}, frame),
            (kind, {**base, 'kernel_size': 2}, frame[:-1]),
        ]
        if not kind.endswith('Transpose'):
            INVALID.append((kind, {**base, 'kernel_size': 2}, small))
    INVALID += [
        (f'ConvLSTM{n}D', {'filters': 2, 'kernel_size': 0}, [3] + frame),
        (f'ConvLSTM{n}D', {'filters': 2, 'kernel_size': 2, 'padding': 'causal'}, [3] + frame),
        (f'ConvLSTM{n}D', {'filters': 2, 'kernel_size': 2, 'strides': 2, 'dilation_rate': 2}, [3] + frame),
        (f'ConvLSTM{n}D', {'filters': 2, 'kernel_size': 2, 'data_format': 'channels_middle'}, [3] + frame),
        (f'ConvLSTM{n}D', {'filters': 2, 'kernel_size': 2, 'recurrent_activation': 'swishy'}, [3] + frame),
        (f'ConvLSTM{n}D', {'filters': 2, 'kernel_size': 2}, frame),
        (f'ConvLSTM{n}D', {'filters': 2, 'kernel_size': 2}, [3] + small),
    ]
    for kind in (f'MaxPooling{n}D', f'AveragePooling{n}D'):
        INVALID += [
            (kind, {'pool_size': 0}, frame),
            (kind, {'pool_size': wrong_tuple}, frame),
            (kind, {'pool_size': 2, 'padding': 'causal'}, frame),
            (kind, {'pool_size': 2, 'data_format': 'channels_middle'}, frame),
            (kind, {'pool_size': 2}, frame[:-1]),
            (kind, {'pool_size': 3}, [2] * n + [1]),
        ]
    for kind in (f'GlobalMaxPooling{n}D', f'GlobalAveragePooling{n}D'):
        INVALID += [(kind, {'data_format': 'channels_middle'}, frame), (kind, {}, frame[:-1]), (kind, {}, frame + [2]), (kind, {'dtype': 'float31'}, frame)]
    INVALID += [
        (f'UpSampling{n}D', {'size': 0}, frame),
        (f'UpSampling{n}D', {}, frame[:-1]),
        (f'UpSampling{n}D', {}, frame + [2]),
        (f'ZeroPadding{n}D', {'padding': (1,) * (n + 1)} if n > 1 else {'padding': ((1, 1, 1),)}, frame),
        (f'ZeroPadding{n}D', {'data_format': 'channels_middle'}, frame),
        (f'ZeroPadding{n}D', {}, frame[:-1]),
        (f'ZeroPadding{n}D', {}, frame + [2]),
        (f'SpatialDropout{n}D', {'rate': 1.5}, frame),
        (f'SpatialDropout{n}D', {'rate': -0.25}, frame),
        (f'SpatialDropout{n}D', {'rate': 0.5}, frame[:-1]),
        (f'SpatialDropout{n}D', {'rate': 0.5}, frame + [2]),
    ]
    if n > 1:
        INVALID += [
            (f'UpSampling{n}D', {'size': wrong_tuple}, frame),
            (f'UpSampling{n}D', {'data_format': 'channels_middle'}, frame),
            (f'ZeroPadding{n}D', {'padding': ((1, 1, 1),) * n}, frame),
            (f'SpatialDropout{n}D', {'rate': 0.5, 'data_format': 'channels_middle'}, frame),
        ]
INVALID += [
    ('Conv2D', {'filters': 2, 'kernel_size': 2, 'groups': 0}, [6, 6, 4]),
    ('Conv2D', {'filters': 4, 'kernel_size': 2, 'groups': 2}, [6, 6, 3]),
    ('Conv2DTranspose', {'filters': 2, 'kernel_size': 2, 'strides': 2, 'output_padding': (1, 1, 1)}, [6, 6, 3]),
    ('DepthwiseConv2D', {'kernel_size': 2, 'depth_multiplier': 0}, [6, 6, 3]),
    ('UpSampling1D', {'size': 2.5}, [6, 3]),
    ('ZeroPadding1D', {'padding': -1}, [6, 3]),
    ('Cropping1D', {'cropping': -1}, [6, 3]),
    ('Cropping1D', {'cropping': ((1, 1, 1),)}, [6, 3]),
    ('Cropping1D', {'cropping': 3}, [6, 3]),
    ('Cropping1D', {}, [6]),
    ('Cropping2D', {'cropping': -1}, [6, 6, 3]),
    ('Cropping2D', {'cropping': (1, 1, 1)}, [6, 6, 3]),
    ('Cropping2D', {'cropping': ((1, 1, 1), (1, 1))}, [6, 6, 3]),
    ('Cropping2D', {'cropping': ((3, 3), (1, 1))}, [6, 6, 3]),
    ('Cropping2D', {'data_format': 'channels_middle'}, [6, 6, 3]),
    ('Cropping2D', {}, [6, 6]),
    ('Dense', {'units': 0}, [4, 3]),
    ('Dense', {'units': 2.5}, [4, 3]),
    ('Dense', {'units': 4, 'activation': 'swishy'}, [4, 3]),
    ('Dense', {'units': 4}, [4, None]),
    ('BatchNormalization', {}, [4, None]),
    ('BatchNormalization', {'axis': 3}, [4, 3]),
    ('BatchNormalization', {'axis': 1, 'center': False}, [None, 3]),
    ('BatchNormalization', {'name': 'batch/norm'}, [4, 3]),
    ('LayerNormalization', {}, [4, None]),
    ('LayerNormalization', {'axis': 1.5}, [4, 3]),
    ('LayerNormalization', {'axis': -4}, [4, 3]),
    ('LayerNormalization', {'dtype': 'float31'}, [4, 3]),
    ('UnitNormalization', {'axis': 1.5}, [4, 3]),
    ('UnitNormalization', {'axis': 3}, [4, 3]),
    ('UnitNormalization', {'axis': (1, 5)}, [4, 3]),
    ('Flatten', {'data_format': 'channels_middle'}, [4, 3]),
    ('Flatten', {'name': 'flat/ten'}, [4, 3]),
    ('Flatten', {'dtype': 'float31'}, [4, 3]),
    ('Reshape', {'target_shape': (-1, -1)}, [4, 3]),
    ('Reshape', {'target_shape': (-2, 6)}, [4, 3]),
    ('Reshape', {'target_shape': (5, -1)}, [4, 3]),
    ('PReLU', {}, [4, None]),
    ('PReLU', {'shared_axes': (3,)}, [4, 3]),
    ('PReLU', {'name': 'p/relu'}, [4, 3]),
    ('Permute', {'dims': (1, 3)}, [4, 3]),
    ('Permute', {'dims': (1, 1)}, [4, 3]),
    ('Permute', {'dims': (1, 2, 3)}, [4, 3]),
    ('RepeatVector', {'n': 0}, [4]),
    ('RepeatVector', {'n': 2.5}, [4]),
    ('RepeatVector', {'n': 2}, [4, 3, 2]),
    ('Dropout', {'rate': 1.5}, [4, 3]),
    ('Dropout', {'rate': -0.5}, [4, 3]),
    ('Dropout', {'rate': 0.5, 'seed': 'abc'}, [4, 3]),
    ('Dropout', {'rate': 0.5, 'noise_shape': 3}, [4, 3]),
    ('GaussianNoise', {'stddev': 1.5}, [4, 3]),
    ('GaussianNoise', {'stddev': -0.5}, [4, 3]),
    ('GaussianNoise', {'stddev': 0.1, 'seed': 'abc'}, [4, 3]),
    ('GaussianDropout', {'rate': 1.5}, [4, 3]),
    ('GaussianDropout', {'rate': -0.5}, [4, 3]),
    ('GaussianDropout', {'rate': 0.5, 'seed': 'abc'}, [4, 3]),
    ('AlphaDropout', {'rate': 1.5}, [4, 3]),
    ('AlphaDropout', {'rate': -0.5}, [4, 3]),
    ('AlphaDropout', {'rate': 0.5, 'seed': 'abc'}, [4, 3]),
    ('Masking', {'name': 'mask/ing'}, [4, 3]),
    ('Masking', {'dtype': 'float31'}, [4, 3]),
    ('Activation', {'activation': 'swishy'}, [4, 3]),
    ('Activation', {'activation': 3}, [4, 3]),
    ('Activation', {'activation': 'relu', 'name': 'act/ivation'}, [4, 3]),
    ('ReLU', {'max_value': -1.5}, [4, 3]),
    ('ReLU', {'negative_slope': -0.5}, [4, 3]),
    ('ReLU', {'threshold': -0.5}, [4, 3]),
    ('ReLU', {'threshold': None}, [4, 3]),
    ('LeakyReLU', {'negative_slope': -0.5}, [4, 3]),
    ('LeakyReLU', {'negative_slope': None}, [4, 3]),
    ('LeakyReLU', {'name': 'leaky/relu'}, [4, 3]),
    ('ELU', {'name': 'e/lu'}, [4, 3]),
    ('ELU', {'dtype': 'float31'}, [4, 3]),
    ('Softmax', {'name': 'soft/max'}, [4, 3]),
    ('Softmax', {'dtype': 'float31'}, [4, 3]),
    ('Identity', {'name': 'iden/tity'}, [4, 3]),
    ('Identity', {'dtype': 'float31'}, [4, 3]),
    ('Identity', {'foo': 1}, [4, 3]),
    ('ELU', {'alpha': 0.5, 'beta': 2}, [4, 3]),
    ('Masking', {'mask_value': 0.0, 'seed': 1}, [4, 3]),
    ('Rescaling', {'scale': 2.0, 'data_format': 'channels_last'}, [4, 3]),
    ('Softmax', {'dim': 1}, [4, 3]),
    ('ActivityRegularization', {'l1': -0.5}, [4, 3]),
    ('ActivityRegularization', {'l2': -0.5}, [4, 3]),
    ('ActivityRegularization', {'l1': 'abc'}, [4, 3]),
    ('Rescaling', {'scale': 2.0, 'name': 're/scaling'}, [4, 3]),
    ('Rescaling', {'scale': 2.0, 'dtype': 'float31'}, [4, 3]),
    ('RandomFlip', {'data_format': 'channels_middle'}, [6, 6, 3]),
    ('RandomFlip', {'seed': 'abc'}, [6, 6, 3]),
    ('RandomFlip', {'name': 'random/flip'}, [6, 6, 3]),
    ('RandomRotation', {'factor': 1.5}, [6, 6, 3]),
    ('RandomRotation', {'factor': (0.1, 0.2, 0.3)}, [6, 6, 3]),
    ('RandomRotation', {'factor': 0.1, 'fill_mode': 'mirror'}, [6, 6, 3]),
    ('RandomRotation', {'factor': 0.1, 'interpolation': 'bicubic'}, [6, 6, 3]),
    ('RandomBrightness', {'factor': 1.5}, [6, 6, 3]),
    ('RandomBrightness', {'factor': 'abc'}, [6, 6, 3]),
    ('RandomBrightness', {'factor': 0.1, 'value_range': (0,)}, [6, 6, 3]),
    ('RandomContrast', {'factor': 1.5}, [6, 6, 3]),
    ('RandomContrast', {'factor': -0.25}, [6, 6, 3]),
    ('RandomContrast', {'factor': (0.1, 0.2, 0.3)}, [6, 6, 3]),
    ('RandomTranslation', {'height_factor': 1.5, 'width_factor': 0.1}, [6, 6, 3]),
    ('RandomTranslation', {'height_factor': 0.1, 'width_factor': 0.1, 'fill_mode': 'mirror'}, [6, 6, 3]),
    ('RandomTranslation', {'height_factor': 0.1, 'width_factor': 0.1, 'interpolation': 'bicubic'}, [6, 6, 3]),
    ('RandomTranslation', {'height_factor': 0.1, 'width_factor': 0.1, 'data_format': 'channels_middle'}, [6, 6, 3]),
    ('RandomZoom', {'height_factor': 1.5}, [6, 6, 3]),
    ('RandomZoom', {'height_factor': 0.1, 'width_factor': -1.5}, [6, 6, 3]),
    ('RandomZoom', {'height_factor': 0.1, 'fill_mode': 'mirror'}, [6, 6, 3]),
    ('RandomZoom', {'height_factor': 0.1, 'interpolation': 'bicubic'}, [6, 6, 3]),
    ('Concatenate', {}, [[2, 3], [2, 3, 4]]),
    ('Subtract', {}, [[2, 3], [2, 3], [2, 3]]),
    ('Subtract', {}, [[2, 3]]),
]
for kind in ('Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum'):
    INVALID += [(kind, {}, [[2, 3], [5, 3]]), (kind, {}, [[2, 3], [2, 3, 4]])]
    if kind != 'Add':
        INVALID.append((kind, {}, [2, 3]))


# Attention, einsum, dot, encoding and the newer normalizations (a 4th item is the call spec).
INVALID += [
    ('Attention', {'score_mode': 'cosine'}, [[2, 3], [2, 3]]),
    ('Attention', {}, [[2, 3]]),
    ('Attention', {}, [[2, 3], [2, 3], [2, 3], [2, 3]]),
    ('AdditiveAttention', {}, [[2, 3]]),
    ('AdditiveAttention', {'use_scale': False}, [[2, 3], [4, 3], [4, 3], [4, 3]]),
    ('AdditiveAttention', {}, [[2, 3], [4, 3], [4, 3], [4, 3], [1, 1]]),
    ('MultiHeadAttention', {'num_heads': 0, 'key_dim': 2}, [[2, 3], [2, 3]], {'positional': True}),
    ('MultiHeadAttention', {'num_heads': 2, 'key_dim': 0}, [[2, 3], [2, 3]], {'positional': True}),
    ('MultiHeadAttention', {'num_heads': 2, 'key_dim': 2, 'value_dim': -1}, [[2, 3], [2, 3]], {'positional': True}),
    ('MultiHeadAttention', {'num_heads': 2, 'key_dim': 2}, [[2, 3], [4, 3]], {'positional': True, 'kwargs': {'key': [5, 3]}}),
    ('MultiHeadAttention', {'num_heads': 2, 'key_dim': 2, 'attention_axes': 'x'}, [[2, 3], [4, 3]], {'positional': True}),
    ('GroupQueryAttention', {'head_dim': 2, 'num_query_heads': 3, 'num_key_value_heads': 2}, [[2, 3], [4, 3]], {'positional': True}),
    ('GroupQueryAttention', {'head_dim': 2, 'num_query_heads': 4, 'num_key_value_heads': 2}, [[2, 3], [4, 5]], {'positional': True}),
    ('GroupQueryAttention', {'head_dim': 2, 'num_query_heads': 4, 'num_key_value_heads': 2}, [[2, 3], [4, 3]], {'positional': True, 'kwargs': {'key': [5, 3]}}),
    ('EinsumDense', {'equation': 'ab->b', 'output_shape': 3}, [4]),
    ('EinsumDense', {'equation': 'abc,cd->abde', 'output_shape': (3, 4, 5)}, [3, 2]),
    ('EinsumDense', {'equation': 'abc,cd->abd', 'output_shape': (4, 2)}, [3, 5]),
    ('EinsumDense', {'equation': 'ab,bc->ac', 'output_shape': 4, 'bias_axes': 'b'}, [3]),
    ('EinsumDense', {'equation': 'ab,bcx->ac', 'output_shape': 4}, [3]),
    ('EinsumDense', {'equation': 'abc,cd->abd', 'output_shape': (2, 3)}, [2]),
    ('EinsumDense', {'equation': 'abc,cd->abd', 'output_shape': 3}, [2, 4]),
    ('EinsumDense', {'equation': 'ab,bc->ac', 'output_shape': ()}, [4]),
    ('EinsumDense', {'equation': 'ab,b->a', 'output_shape': (), 'bias_axes': 'a'}, [4]),
    ('Dot', {'axes': 'x'}, [[2, 3], [2, 3]]),
    ('Dot', {'axes': [1, 2, 3]}, [[2, 3], [2, 3]]),
    ('Dot', {'axes': [1, 'a']}, [[2, 3], [2, 3]]),
    ('Dot', {'axes': -1}, [[2, 3], [2, 4]]),
    ('Dot', {'axes': 1}, [[3], [3], [3]]),
    ('Dot', {'axes': 1}, [3]),
    ('Dot', {'axes': -1}, [[], []]),
    ('CategoryEncoding', {'num_tokens': 3, 'output_mode': 'tf_idf'}, [2]),
    ('CategoryEncoding', {}, [2]),
    ('CategoryEncoding', {'num_tokens': 0}, [2]),
    ('Discretization', {}, [2]),
    ('Discretization', {'num_bins': 2, 'bin_boundaries': [0.5]}, [2]),
    ('Discretization', {'num_bins': -1}, [2]),
    ('Discretization', {'num_bins': 2, 'output_mode': 'tf_idf'}, [2]),
    ('Normalization', {'mean': 0.5}, [2]),
    ('Normalization', {'mean': [0.5, 0.5], 'variance': [1.0]}, [2]),
    ('Normalization', {'mean': [[0.5]], 'variance': [[1.0]]}, [2]),
    ('Normalization', {'axis': 3}, [2, 3]),
    ('Normalization', {'axis': 0}, [2, 3]),
    ('Normalization', {'axis': (-3, 1)}, [2, 3, 2]),
    ('AdditiveAttention', {}, [[None], [2, 3]]),
    ('GroupNormalization', {'groups': 0}, [4]),
    ('GroupNormalization', {'groups': 3}, [4]),
    ('GroupNormalization', {'groups': 8}, [4]),
    ('RMSNormalization', {'axis': 3}, [2, 3]),
    ('RMSNormalization', {'axis': [1, 4]}, [2, 3]),
    ('RMSNormalization', {'axis': -4}, [2, 3]),
    ('RMSNormalization', {}, [None]),
    ('MultiHeadAttention', {'num_heads': 2, 'key_dim': 3}, [[4, None], [4, 5]], {'positional': True}),
    ('AdditiveAttention', {}, [[4, None], [4, None]]),
    ('Attention', {}, [2, 3]),
    ('AdditiveAttention', {}, [4]),
    ('MultiHeadAttention', {'num_heads': 2, 'key_dim': 3}, [3, 4], {'positional': True}),
    ('GroupQueryAttention', {'head_dim': 2, 'num_query_heads': 2, 'num_key_value_heads': 1}, [3, 4], {'positional': True}),
    ('GroupQueryAttention', {'head_dim': 2, 'num_query_heads': 2, 'num_key_value_heads': 1}, [[3], [2]], {'positional': True}),
    ('GroupQueryAttention', {'head_dim': 2, 'num_query_heads': 2, 'num_key_value_heads': 2}, [[3, 2, 1], [3, 2, 2]], {'positional': True}),
]
INVALID.extend(recurrent.INVALID)
INVALID += [
    ('InputLayer', {'shape': (4, 3), 'batch_shape': (None, 4, 3)}, []),
    ('InputLayer', {}, []),
    ('InputLayer', {'shape': 3}, []),
    ('InputLayer', {'shape': (-1, 3)}, []),
    ('InputLayer', {'batch_shape': (None, 2, -2)}, []),
]
INVALID += [
    ('SpectralNormalization', {'layer': recurrent.nested('Dense', units=4, name='inner'), 'power_iterations': 0}, [3]),
    ('SpectralNormalization', {'layer': recurrent.nested('Dropout', rate=0.5, name='inner')}, [5, 3]),
    ('SpectralNormalization', {'layer': 3}, [3]),
    ('SpectralNormalization', {'layer': recurrent.nested('BatchNormalization', name='inner')}, [5, 3]),
    ('SpectralNormalization', {'layer': recurrent.nested('LSTMCell', units=4, name='inner')}, [3]),
    ('SpectralNormalization', {'layer': recurrent.nested('Conv2D', filters=0, kernel_size=2, name='inner')}, [5, 5, 2]),
    ('SpectralNormalization', {'layer': recurrent.nested('Conv2D', filters=3, kernel_size=6, name='inner')}, [5, 5, 2]),
    # The wrapper skips its layer's input spec: a convolution fails in its shape arithmetic.
    ('SpectralNormalization', {'layer': recurrent.nested('Conv2D', filters=3, kernel_size=2, name='inner')}, [5, 2]),
    ('SpectralNormalization', {'layer': recurrent.nested('Conv1D', filters=3, kernel_size=2, name='inner')}, [5, 5, 2]),
    ('SpectralNormalization', {'layer': recurrent.nested('DepthwiseConv2D', kernel_size=2, depth_multiplier=2, name='inner')}, [5, 3]),
    ('SpectralNormalization', {'layer': recurrent.nested('Conv2DTranspose', filters=3, kernel_size=2, name='inner')}, [5, 5, 5, 2]),
    ('SpectralNormalization', {'layer': recurrent.nested('Conv2D', filters=4, kernel_size=2, groups=2, name='inner')}, [5, 5, 3]),
]
# Keras's convolutions ask for a minimum rank: a higher one fails in their output-shape arithmetic.
INVALID += [
    ('DepthwiseConv1D', {'kernel_size': 3}, [6, 6, 3]),
    ('DepthwiseConv1D', {'kernel_size': 3, 'depth_multiplier': 2, 'data_format': 'channels_first'}, [3, 6, 6]),
    ('DepthwiseConv1D', {'kernel_size': 3, 'depth_multiplier': 0}, [6, 3]),
    ('DepthwiseConv1D', {'kernel_size': 3, 'depth_multiplier': -2}, [6, 3]),
    ('DepthwiseConv1D', {'kernel_size': 3}, [6, 6, None]),
    ('DepthwiseConv2D', {'kernel_size': 2}, [6, 6, 6, 3]),
    ('Conv1D', {'filters': 2, 'kernel_size': 3}, [6, 6, 3]),
    ('Conv2D', {'filters': 3, 'kernel_size': 3, 'groups': 3, 'data_format': 'channels_first'}, [3, 6, 6, 6]),
    ('Conv2D', {'filters': 4, 'kernel_size': 3, 'groups': 2}, [6, 6, 6, 3]),
    ('SeparableConv1D', {'filters': 2, 'kernel_size': 3}, [6, 6, 3]),
    ('Conv1DTranspose', {'filters': 2, 'kernel_size': 3}, [6, 6, 3]),
    ('Conv2DTranspose', {'filters': 2, 'kernel_size': 3, 'data_format': 'channels_first'}, [3, 6, 6, 6]),
]


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


# Layers whose weights live in named sub-layers (`query/kernel`): weights are named by their path inside the layer.
NESTED_WEIGHT_NAMES = {'MultiHeadAttention', 'GroupQueryAttention'}
ATTENTION_KINDS = {'Attention', 'AdditiveAttention', 'MultiHeadAttention', 'GroupQueryAttention'}


def call_layer(keras, layer, shape, call, make):
    """Calls `layer` on tensors made by `make(shape)`: one tensor, a list of them, or (with
    call['positional']) positional tensors; call['kwargs'] adds keyword arguments, a shape
    list among them (MultiHeadAttention's `key`) becoming a tensor too."""
    multi = bool(shape) and isinstance(shape[0], list)
    tensors = [make(s) for s in shape] if multi else make(shape)
    kwargs = {k: (make(v) if isinstance(v, list) else v) for k, v in (call or {}).get('kwargs', {}).items()}
    if (call or {}).get('positional'):
        return layer(*tensors, **kwargs) if multi else layer(tensors, **kwargs)
    return layer(tensors, **kwargs)


def shapes_of(keras, out):
    # A cell returns (output, states), a stack nests its cells' states: flat, in Keras's order.
    return [list(o.shape) for o in keras.tree.flatten(out)] if isinstance(out, (list, tuple)) else list(out.shape)


def run(keras, kind, kwargs, shape, call=None):
    try:
        layer = getattr(keras.layers, kind)(**recurrent.materialize(keras, kwargs))
    except Exception as error:  # noqa: BLE001 - recording whatever Keras raises is the point
        return {'stage': 'construct', 'message': message_of(error), 'exception': type(error).__name__}
    if kind == 'InputLayer':
        # Not called on a tensor: its output is the symbolic input it makes.
        return {'stage': 'ok', 'name': layer.name, 'outputs': list(layer.output.shape), 'weights': [], 'params': layer.count_params()}
    try:
        # A recurrent cell is called on [x, *states]; every other layer as its call spec says.
        out = recurrent.call(keras, layer, kind, kwargs, shape) if recurrent.is_cell(kind) else call_layer(keras, layer, shape, call, keras.Input)
    except Exception as error:  # noqa: BLE001
        return {'stage': 'apply', 'name': layer.name, 'message': message_of(error), 'exception': type(error).__name__}
    outputs = shapes_of(keras, out)
    nested = kind in NESTED_WEIGHT_NAMES
    weights = [{'name': w.path[len(layer.path) + 1:] if nested else w.name, 'shape': list(w.shape), 'trainable': bool(w.trainable)} for w in layer.weights]
    result = {'stage': 'ok', 'name': layer.name, 'outputs': outputs, 'weights': weights, 'params': layer.count_params()}
    if isinstance(out, (list, tuple)) and kind in ATTENTION_KINDS and not has_open_size(shape, call):
        # Attention's scores: also run the layer on real arrays (batch 2), since a symbolic
        # output shape (MultiHeadAttention's scores) can differ from the computed one.
        import numpy as np
        computed = shapes_of(keras, call_layer(keras, layer, shape, call, lambda s: np.zeros([2] + list(s), 'float32')))
        computed = [[None] + c[1:] for c in computed]
        if computed != outputs:
            result['computed'] = computed
    return result


def has_open_size(shape, call=None):
    """True when some input size is open (None): no real array can be made for it."""
    sizes = json.dumps([shape, (call or {}).get('kwargs', {})])
    return 'null' in sizes


def call_entry(call=None):
    """The call spec as the fixture records it (shapes given batch-less, recorded with the batch)."""
    if not call:
        return {}
    kwargs = {k: (with_batch(v) if isinstance(v, list) else v) for k, v in call.get('kwargs', {}).items()}
    return {'call': {'positional': bool(call.get('positional')), 'kwargs': kwargs}}


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
            assert attempts < max(VALID_PER_KIND, 24) * 20, f'{kind}: too few valid random configurations'
            kwargs, shape, *call = config(kind, rng)
            result = run(keras, kind, kwargs, shape, *call)
            case = {'kind': kind, 'kwargs': jsonable(kwargs), 'input': with_batch(shape), **call_entry(*call), **result}
            if result['stage'] != 'ok':
                pattern = ''.join('#' if ch.isdigit() else ch for ch in result['message'])
                if pattern not in rejected:
                    rejected.add(pattern)
                    errors.append(case)
                continue
            made += 1
            valid.append(case)
    for kind, kwargs, shape, *call in INVALID:
        result = run(keras, kind, kwargs, shape, *call)
        assert result['stage'] != 'ok', (kind, kwargs, shape)
        errors.append({'kind': kind, 'kwargs': jsonable(kwargs), 'input': with_batch(shape), **call_entry(*call), **result})
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
