#!/usr/bin/python3
"""The second half of the torch.nn catalogue for tools/golden/torch_catalogue_cases.py.

Random valid configurations and invalid ones for the activations, padding layers, norms,
shuffles, the two-input similarity layers, EmbeddingBag, SyncBatchNorm and nn.Transformer.
Each config function takes the class name and a seeded random.Random and returns the
keyword arguments, the input shape and, for calls with further tensors, their shapes.
"""
import torch.nn as nn


class Nested:
    """A layer object passed to another layer's constructor: built afresh for every run, recorded as its class and bound arguments."""

    def __init__(self, kind, kwargs):
        self.kind, self.kwargs = kind, kwargs

    def build(self):
        return getattr(nn, self.kind)(**{name: value.build() if isinstance(value, Nested) else value for name, value in self.kwargs.items()})


def custom_stack(kind, rng, d_model, heads, batch_first):
    """A custom_encoder / custom_decoder for nn.Transformer: a TransformerEncoder/Decoder of 1 or 2 random layers."""
    layer = {'d_model': d_model, 'nhead': heads, 'dim_feedforward': rng.randint(1, 16), 'batch_first': batch_first, 'norm_first': rng.random() < 0.5}
    argument = 'encoder_layer' if kind == 'TransformerEncoder' else 'decoder_layer'
    return Nested(kind, {argument: Nested(kind + 'Layer', layer), 'num_layers': rng.randint(1, 2)})


def full_transformer_config(kind, rng):
    heads = rng.randint(1, 4)
    d_model = heads * rng.randint(1, 4)
    kwargs = {'d_model': d_model, 'nhead': heads, 'num_encoder_layers': rng.randint(0, 2), 'num_decoder_layers': rng.randint(0, 2),
              'dim_feedforward': rng.randint(1, 32), 'batch_first': rng.random() < 0.5, 'norm_first': rng.random() < 0.5}
    # Custom stacks are PyTorch's own classes here, built as the default ones would be (same d_model and layout).
    if rng.random() < 0.3:
        kwargs['custom_encoder'] = custom_stack('TransformerEncoder', rng, d_model, heads, kwargs['batch_first'])
    if rng.random() < 0.3:
        kwargs['custom_decoder'] = custom_stack('TransformerDecoder', rng, d_model, heads, kwargs['batch_first'])
    source, target, batch = rng.randint(1, 5), rng.randint(1, 5), rng.randint(1, 3)
    if rng.random() < 0.25:
        return kwargs, [source, d_model], [[target, d_model]]
    lead = (lambda length: [batch, length]) if kwargs['batch_first'] else (lambda length: [length, batch])
    return kwargs, lead(source) + [d_model], [lead(target) + [d_model]]


def shape_of(rng, low_rank, high_rank, low=1, high=4):
    return [rng.randint(low, high) for _ in range(rng.randint(low_rank, high_rank))]


def activation_config(kind, rng):
    """Element-wise activations: any rank (Softmax2d 3D or 4D, FeatureAlphaDropout 2D or more)."""
    low_rank, high_rank = {'Softmax2d': (3, 4), 'FeatureAlphaDropout': (2, 5)}.get(kind, (1, 5))
    shape = shape_of(rng, low_rank, high_rank)
    low = round(rng.uniform(-2, 0), 2)
    kwargs = {'CELU': {'alpha': rng.choice([1.0, 0.5, 2.0, -1.5])},
              'Hardtanh': {'min_val': low, 'max_val': round(low + rng.uniform(0.1, 3), 2)},
              'Hardshrink': {'lambd': rng.choice([0.0, 0.5, 1.25, -0.5])},
              'Softshrink': {'lambd': rng.choice([0.0, 0.5, 1.25])},
              'RReLU': {'lower': low, 'upper': round(low + rng.uniform(0, 1), 2)},
              'Softmin': {'dim': rng.choice([None, rng.randint(-len(shape), len(shape) - 1)])},
              'Threshold': {'threshold': round(rng.uniform(-1, 1), 2), 'value': round(rng.uniform(-5, 5), 2)},
              'FeatureAlphaDropout': {'p': rng.choice([0.0, 0.2, 0.5, 1.0])}}.get(kind, {})
    return kwargs, shape


def pad_config(kind, rng):
    n = int(kind[-2])
    constant = kind.startswith(('Constant', 'Zero'))
    pairs = rng.randint(1, n) if constant and rng.random() < 0.3 else n
    pads = [rng.randint(0, 3) for _ in range(2 * pairs)]
    padding = pads[0] if pairs == n and rng.random() < 0.4 else tuple(pads)
    if isinstance(padding, int):
        pads = [padding] * (2 * n)
    lead = [rng.randint(1, 3) for _ in range(rng.randint(0, 2) if constant else rng.randint(1, 2))]
    spatial = [max(pads[2 * i], pads[2 * i + 1]) + rng.randint(1, 3) for i in reversed(range(len(pads) // 2))]
    kwargs = {'padding': padding}
    if kind.startswith('Constant'):
        kwargs['value'] = round(rng.uniform(-1, 1), 2)
    return kwargs, lead + spatial


def norm_config(kind, rng):
    if kind == 'LayerNorm':
        shape = shape_of(rng, 1, 4)
        tail = shape[len(shape) - rng.randint(1, len(shape)):]
        normalized = tail[0] if len(tail) == 1 and rng.random() < 0.5 else rng.choice([tuple(tail), list(tail)])
        return {'normalized_shape': normalized, 'elementwise_affine': rng.random() < 0.7}, shape
    if kind == 'GroupNorm':
        groups = rng.randint(1, 4)
        channels = groups * rng.randint(1, 3)
        return ({'num_groups': groups, 'num_channels': channels, 'affine': rng.random() < 0.7},
                [rng.randint(2, 3), channels] + shape_of(rng, 0, 2))
    if kind in ('LocalResponseNorm', 'CrossMapLRN2d'):
        kwargs = {'size': rng.randint(1, 5), 'alpha': rng.choice([1e-4, 0.01]), 'beta': rng.choice([0.75, 0.5]), 'k': rng.choice([1.0, 2.0])}
        return kwargs, shape_of(rng, 4, 4) if kind == 'CrossMapLRN2d' else shape_of(rng, 3, 5)
    n = int(kind[-2])
    spatial = [rng.randint(2, 5) for _ in range(n)]
    if kind.startswith('Lazy'):
        kwargs = {'affine': rng.random() < 0.6, 'track_running_stats': rng.random() < 0.6}
        channels = rng.randint(1, 4)
        if rng.random() < 0.25:  # unbatched: the first call reads input.shape[1] as num_features
            return kwargs, [spatial[0]] + spatial
        return kwargs, [rng.randint(1, 3), channels] + spatial
    features = rng.randint(1, 5)
    kwargs = {'num_features': features, 'affine': rng.random() < 0.5, 'track_running_stats': rng.random() < 0.4}
    channels = features if rng.random() < 0.8 else rng.randint(1, 5)
    return kwargs, ([rng.randint(1, 3)] if rng.random() < 0.7 else []) + [channels] + spatial


def embedding_bag_config(kind, rng):
    count = rng.randint(1, 20)
    kwargs = {'num_embeddings': count, 'embedding_dim': rng.randint(1, 8), 'mode': rng.choice(['sum', 'mean', 'max']),
              'include_last_offset': rng.random() < 0.3, 'padding_idx': rng.choice([None, None, rng.randint(-count, count - 1)])}
    # With include_last_offset, PyTorch 1.13 corrupts memory (the process aborts) in max mode and
    # with a padding_idx: those are not recorded.
    if kwargs['include_last_offset']:
        kwargs['mode'] = rng.choice(['sum', 'mean'])
        kwargs['padding_idx'] = None
    bags = rng.randint(2, 4) if kwargs['include_last_offset'] else rng.randint(1, 4)
    if rng.random() < 0.5:
        return kwargs, [bags, rng.randint(1, 5)]
    return kwargs, [rng.randint(1, 12)], [[bags]]


def sync_batch_norm_config(kind, rng):
    kwargs = {'num_features': rng.randint(1, 5), 'affine': rng.random() < 0.7, 'track_running_stats': rng.random() < 0.7}
    channels = kwargs['num_features'] if rng.random() < 0.85 else rng.randint(1, 5)
    return kwargs, [rng.randint(2, 3), channels] + shape_of(rng, 0, 3)


def shuffle_config(kind, rng):
    factor = rng.randint(1, 3)
    lead = shape_of(rng, 0, 2, 1, 3)
    if kind == 'PixelShuffle':
        return {'upscale_factor': factor}, lead + [factor * factor * rng.randint(1, 3), rng.randint(1, 4), rng.randint(1, 4)]
    if kind == 'PixelUnshuffle':
        return {'downscale_factor': factor}, lead + [rng.randint(1, 3), factor * rng.randint(1, 3), factor * rng.randint(1, 3)]
    return {'groups': factor}, [rng.randint(1, 3), factor * rng.randint(1, 3)] + shape_of(rng, 1, 2)


def distance_config(kind, rng):
    shape = shape_of(rng, 1, 3, 1, 5)
    other = [1 if rng.random() < 0.2 else size for size in shape][rng.randint(0, len(shape) - 1):]
    first, second = (shape, other) if rng.random() < 0.5 else (other, shape)
    if kind == 'CosineSimilarity':
        rank = len(shape)
        return {'dim': rng.randint(-rank, rank - 1), 'eps': rng.choice([1e-8, 1e-6])}, first, [second]
    return {'p': rng.choice([1.0, 2.0, 3.0]), 'eps': 1e-6, 'keepdim': rng.random() < 0.5}, first, [second]


ACTIVATIONS = ['CELU', 'Hardtanh', 'Hardshrink', 'LogSigmoid', 'RReLU', 'Softmin', 'Softshrink', 'Softsign', 'Tanhshrink',
               'Threshold', 'Softmax2d', 'FeatureAlphaDropout']
PADS = ['ZeroPad2d'] + [f'{mode}Pad{n}d' for mode in ('Constant', 'Reflection', 'Replication') for n in (1, 2, 3)]
NORMS = ['LayerNorm', 'GroupNorm', 'LocalResponseNorm', 'CrossMapLRN2d'] + [f'{lazy}InstanceNorm{n}d' for lazy in ('', 'Lazy') for n in (1, 2, 3)]


MORE_CONFIGS = {
    **{kind: activation_config for kind in ACTIVATIONS}, **{kind: pad_config for kind in PADS},
    **{kind: norm_config for kind in NORMS}, **{kind: shuffle_config for kind in ('PixelShuffle', 'PixelUnshuffle', 'ChannelShuffle')},
    'SyncBatchNorm': sync_batch_norm_config, 'EmbeddingBag': embedding_bag_config, 'CosineSimilarity': distance_config, 'PairwiseDistance': distance_config,
    'Transformer': full_transformer_config,
}

MORE_INVALID = [
    ('SyncBatchNorm', {'num_features': 3}, [3]),
    ('SyncBatchNorm', {'num_features': 3}, [2, 4, 5]),
    ('SyncBatchNorm', {'num_features': 3, 'track_running_stats': False}, [2, 4, 5]),
    ('SyncBatchNorm', {'num_features': 0}, [2, 0, 5]),
    ('EmbeddingBag', {'num_embeddings': 10, 'embedding_dim': 3}, [2, 4], [[2]]),
    ('EmbeddingBag', {'num_embeddings': 10, 'embedding_dim': 3}, [2, 4, 5]),
    ('EmbeddingBag', {'num_embeddings': 10, 'embedding_dim': 3, 'mode': 'median'}, [2, 4]),
    ('EmbeddingBag', {'num_embeddings': 10, 'embedding_dim': 3, 'padding_idx': 10}, [2, 4]),
    ('EmbeddingBag', {'num_embeddings': 10, 'embedding_dim': 3}, [8], [[2, 2]]),
    ('EmbeddingBag', {'num_embeddings': 10, 'embedding_dim': 3}, [2, 0]),
    ('Transformer', {'d_model': 6, 'nhead': 4}, [2, 1, 6], [[3, 1, 6]]),
    ('Transformer', {'d_model': 8, 'nhead': 2}, [2, 1, 8], [[3, 2, 8]]),
    ('Transformer', {'d_model': 8, 'nhead': 2, 'batch_first': True}, [2, 1, 8], [[3, 1, 8]]),
    ('Transformer', {'d_model': 8, 'nhead': 2}, [2, 1, 8], [[3, 1, 6]]),
    ('CELU', {'alpha': 0}, [2, 3]),
    ('Hardtanh', {'min_val': 1.0, 'max_val': 0.5}, [2]),
    ('Hardtanh', {'min_val': 0.0, 'max_val': 1.0, 'max_value': -1.0}, [2]),
    ('Softshrink', {'lambd': -1.0}, [2, 3]),
    ('Softshrink', {'lambd': -0.25}, [4]),
    ('RReLU', {'lower': 0.5, 'upper': 0.1}, [2, 3]),
    ('Softmin', {'dim': 3}, [2, 3]),
    ('Softmin', {'dim': -4}, [2, 3, 4]),
    ('Softmin', {'dim': 1}, [5]),
    ('Softmax2d', {}, [2, 3]),
    ('Softmax2d', {}, [1, 2, 3, 4, 5]),
    ('Softmax2d', {}, [7]),
    ('FeatureAlphaDropout', {'p': 1.5}, [2, 3]),
    ('FeatureAlphaDropout', {'p': -0.5}, [2, 3]),
    ('FeatureAlphaDropout', {}, [4]),
    *[(f'ConstantPad{n}d', {'padding': 1, 'value': 0.5}, [3] * (n - 1)) for n in (2, 3)],
    ('ConstantPad1d', {'padding': (1, 2, 3), 'value': 0.5}, [3, 4]),
    ('ConstantPad1d', {'padding': (1, 2, 3, 4, 5, 6), 'value': 0.5}, [3, 4]),
    ('ConstantPad1d', {'padding': (1, 1, 1, 1, 1, 1, 1, 1), 'value': 0.0}, [2, 2, 2]),
    ('ConstantPad2d', {'padding': (1, 2, 3), 'value': 0.0}, [2, 3, 4]),
    ('ConstantPad2d', {'padding': (1, 1, 1, 1, 1, 1, 1, 1), 'value': 0.0}, [2, 2, 2]),
    ('ConstantPad3d', {'padding': (1, 1, 1, 1, 1), 'value': 0.0}, [2, 3, 4]),
    ('ConstantPad3d', {'padding': 2, 'value': 0.0}, [2, 2]),
    ('ZeroPad2d', {'padding': 1}, [3]),
    ('ZeroPad2d', {'padding': (1, 2, 3)}, [3, 3]),
    ('ZeroPad2d', {'padding': (1, 1, 1, 1, 1, 1, 1, 1)}, [3, 3, 3]),
    *[(f'{mode}Pad{n}d', {'padding': 1}, [3] * n) for mode in ('Reflection', 'Replication') for n in (1, 2, 3)],
    *[(f'{mode}Pad{n}d', {'padding': 1}, [2] * (n + 3)) for mode in ('Reflection', 'Replication') for n in (1, 2, 3)],
    *[(f'Replication{n}', {'padding': tuple([1] * (2 * k))}, [2] * k) for n, k in (('Pad1d', 2), ('Pad2d', 3), ('Pad3d', 1))],
    ('ReflectionPad1d', {'padding': 3}, [2, 3]),
    ('ReflectionPad1d', {'padding': (0, 4)}, [1, 2, 4]),
    ('ReflectionPad2d', {'padding': 3}, [2, 3, 3]),
    ('ReflectionPad2d', {'padding': (1, 1, 3, 0)}, [1, 2, 3, 5]),
    ('ReflectionPad3d', {'padding': 3}, [2, 3, 3, 3]),
    ('ReflectionPad3d', {'padding': (1, 1, 1, 1, 3, 1)}, [1, 2, 3, 3, 3]),
    ('ReflectionPad3d', {'padding': (1, 1, 4, 1, 1, 1)}, [2, 4, 4, 4]),
    ('LayerNorm', {'normalized_shape': 5}, [2, 3, 4]),
    ('LayerNorm', {'normalized_shape': (2, 3, 4)}, [3, 4]),
    ('LayerNorm', {'normalized_shape': ()}, [3, 4]),
    ('LayerNorm', {'normalized_shape': (3, -2)}, [3, 4]),
    ('GroupNorm', {'num_groups': 3, 'num_channels': 4}, [2, 4, 5]),
    ('GroupNorm', {'num_groups': 0, 'num_channels': 4}, [2, 4]),
    ('GroupNorm', {'num_groups': 2, 'num_channels': 4}, [2, 6, 5]),
    ('GroupNorm', {'num_groups': 2, 'num_channels': 4, 'affine': False}, [3, 5, 5]),
    ('GroupNorm', {'num_groups': 2, 'num_channels': 4}, [4]),
    *[(f'InstanceNorm{n}d', {'num_features': 3}, [4] * n) for n in (1, 2, 3)],
    *[(f'InstanceNorm{n}d', {'num_features': 3}, [2, 3] + [4] * (n + 1)) for n in (1, 2, 3)],
    *[(f'InstanceNorm{n}d', {'num_features': 3, 'affine': True}, [2, 5] + [4] * n) for n in (1, 2, 3)],
    *[(f'InstanceNorm{n}d', {'num_features': 3, 'affine': True}, [5] + [4] * n) for n in (1, 2, 3)],
    *[(f'InstanceNorm{n}d', {'num_features': 3, 'track_running_stats': True, 'affine': True}, [2, 5] + [4] * n) for n in (1, 2, 3)],
    *[(f'InstanceNorm{n}d', {'num_features': 3}, [1, 3] + [1] * n) for n in (1, 2, 3)],
    *[(f'LazyInstanceNorm{n}d', {'affine': False}, [3] + [4] * n) for n in (1, 2, 3)],
    *[(f'LazyInstanceNorm{n}d', {}, [4] * n) for n in (1, 2, 3)],
    *[(f'LazyInstanceNorm{n}d', {'affine': False, 'track_running_stats': False}, [4] * (n + 3)) for n in (1, 2, 3)],
    ('LocalResponseNorm', {'size': 2}, [3]),
    ('LocalResponseNorm', {'size': 2}, [3, 4]),
    ('LocalResponseNorm', {'size': 0}, [2, 3, 4]),
    ('LocalResponseNorm', {'size': 0}, [2, 3, 4, 5]),
    ('CrossMapLRN2d', {'size': 2}, [3, 4, 5]),
    ('CrossMapLRN2d', {'size': 2}, [1, 2, 3, 4, 5]),
    ('CrossMapLRN2d', {'size': 0}, [2, 3, 4, 5]),
    ('PixelShuffle', {'upscale_factor': 2}, [2, 6, 3, 3]),
    ('PixelShuffle', {'upscale_factor': 2}, [3, 3]),
    ('PixelShuffle', {'upscale_factor': 0}, [4, 3, 3]),
    ('PixelUnshuffle', {'downscale_factor': 2}, [3, 3, 4]),
    ('PixelUnshuffle', {'downscale_factor': 2}, [3, 4, 3]),
    ('PixelUnshuffle', {'downscale_factor': 2}, [4]),
    ('PixelUnshuffle', {'downscale_factor': -1}, [3, 4, 4]),
    ('ChannelShuffle', {'groups': 2}, [2, 4]),
    ('ChannelShuffle', {'groups': 2}, [2, 3, 3]),
    ('ChannelShuffle', {'groups': 0}, [2, 4, 3]),
    ('CosineSimilarity', {}, [3], [[3]]),
    ('CosineSimilarity', {}, [2, 3], [[2, 4]]),
    ('CosineSimilarity', {'dim': 2}, [2, 3], [[2, 3]]),
    ('CosineSimilarity', {'dim': -1}, [2, 3, 4], [[5, 1, 1]]),
    ('PairwiseDistance', {}, [2, 3], [[2, 4]]),
    ('PairwiseDistance', {}, [2, 3, 4], [[3, 3, 4]]),
    ('PairwiseDistance', {'keepdim': True}, [2, 3], [[4, 3]]),
    # A string or None where ATen takes a Number (the activations' numeric arguments).
    ('CELU', {'alpha': 'a'}, [2, 3]),
    ('CELU', {'alpha': None, 'inplace': True}, [2, 3]),
    ('Hardshrink', {'lambd': 'a'}, [2, 3]),
    ('Hardshrink', {'lambd': None}, [4]),
    ('Hardshrink', {'lambd': '0.5'}, []),
    ('Threshold', {'threshold': 'a', 'value': 0.0}, [2, 3]),
    ('Threshold', {'threshold': 0.1, 'value': None}, [2, 3]),
    ('Threshold', {'threshold': None, 'value': 'a'}, [3]),
    ('Softshrink', {'lambd': 'a'}, [2, 3]),
    ('Softshrink', {'lambd': None}, [4, 1, 2]),
    ('RReLU', {'lower': 'a', 'upper': 'b'}, [2, 3]),
    ('RReLU', {'lower': 0.1, 'upper': None}, [2, 3]),
    ('Hardtanh', {'min_val': 'a', 'max_val': 'b'}, [2, 3]),
    ('Hardtanh', {'min_val': None, 'max_val': None}, [2, 3]),
    ('Hardtanh', {'min_val': 'a', 'max_val': None}, [2, 3]),
    ('Hardtanh', {'min_val': 'b', 'max_val': 'a'}, [2, 3]),
]

# Classes PyTorch refuses in fewer than three ways, with the number of distinct errors it has
# for them. probe_few_errors() checks each claim on every rank from 0 to 6.
FEW_ERRORS = {
    'LogSigmoid': 0,  # no constructor arguments; any shape, a scalar too (only an integer dtype fails)
    'Softsign': 0,  # no constructor arguments; any shape and dtype
    'Tanhshrink': 0,  # no constructor arguments; any shape and dtype
}
PROBE_ARGS = {}
