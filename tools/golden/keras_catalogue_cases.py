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
    multi = bool(shape) and isinstance(shape[0], list)
    try:
        layer = getattr(keras.layers, kind)(**kwargs)
    except Exception as error:  # noqa: BLE001 - recording whatever Keras raises is the point
        return {'stage': 'construct', 'message': message_of(error), 'exception': type(error).__name__}
    try:
        inputs = [keras.Input(s) for s in shape] if multi else keras.Input(shape)
        out = layer(inputs)
    except Exception as error:  # noqa: BLE001
        return {'stage': 'apply', 'name': layer.name, 'message': message_of(error), 'exception': type(error).__name__}
    outputs = [list(o.shape) for o in out] if isinstance(out, (list, tuple)) else list(out.shape)
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
            assert attempts < max(VALID_PER_KIND, 24) * 20, f'{kind}: too few valid random configurations'
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
