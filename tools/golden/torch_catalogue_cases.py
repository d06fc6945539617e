#!/usr/bin/python3
"""Golden cases for the torch.nn layers of the catalogue beyond convolutions, from real PyTorch.

For each class: seeded random VALID configurations (every constructor argument by name, the
input shape, PyTorch's output shapes as a nested list mirroring the returned tuple, and the
parameter tensors with their trainable flag) and INVALID ones with the stage that raises and
PyTorch's exact message. Writes test/fixtures/torch/catalogue_cases.json, read by
test/unit/engine/torchCatalogue.test.ts. The configurations of the activations, padding layers,
norms and the other later classes live in torch_catalogue_more.py. Run with `npm run golden:torch`.
"""
import inspect
import itertools
import json
import os
import random
import warnings

import torch
import torch.nn as nn

from torch_catalogue_more import FEW_ERRORS, MORE_CONFIGS, MORE_INVALID, PROBE_ARGS, Nested

# The defaults make the committed fixture; tools/bench/unseenCatalogue.mjs sets them for an unseen catalogue.
SEED = int(os.environ.get('CATALOGUE_SEED', 20261203))
VALID_PER_KIND = int(os.environ.get('CATALOGUE_PER_CLASS', 24))
OUT = os.environ.get('CATALOGUE_OUT') or os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'torch', 'catalogue_cases.json')


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


def glu_config(kind, rng):
    shape = [rng.randint(1, 4) for _ in range(rng.randint(1, 4))]
    dim = rng.randint(-len(shape), len(shape) - 1)
    shape[dim] = 2 * rng.randint(1, 4)
    return {'dim': dim}, shape


def unflatten_config(kind, rng):
    sizes = [rng.randint(1, 4) for _ in range(rng.randint(1, 3))]
    shape = [rng.randint(1, 3) for _ in range(rng.randint(0, 2))]
    dim = rng.randint(0, len(shape))
    shape.insert(dim, 1)
    for size in sizes:
        shape[dim] *= size
    if rng.random() < 0.3:
        sizes[rng.randrange(len(sizes))] = -1
    if rng.random() < 0.3:
        dim -= len(shape)
    return {'dim': dim, 'unflattened_size': tuple(sizes)}, shape


def upsampling_config(kind, rng):
    shape = [rng.randint(1, 3), rng.randint(1, 4), rng.randint(1, 9), rng.randint(1, 9)]
    if rng.random() < 0.5:
        return {'size': rng.choice([rng.randint(1, 12), (rng.randint(1, 12), rng.randint(1, 12))])}, shape
    return {'scale_factor': rng.choice([2, 3, 1.5, (2, 1), (0.5, 2.0)])}, [shape[0], shape[1], shape[2] * 2, shape[3] * 2]


def attention_config(kind, rng):
    heads = rng.randint(1, 4)
    embed = heads * rng.randint(1, 4)
    kwargs = {'embed_dim': embed, 'num_heads': heads, 'bias': rng.random() < 0.8, 'batch_first': rng.random() < 0.5,
              'add_bias_kv': rng.random() < 0.25, 'add_zero_attn': rng.random() < 0.25}
    if rng.random() < 0.4:
        kwargs['kdim'], kwargs['vdim'] = rng.randint(1, 9), rng.randint(1, 9)
    kdim, vdim = kwargs.get('kdim', embed), kwargs.get('vdim', embed)
    target, source, batch = rng.randint(1, 5), rng.randint(1, 5), rng.randint(1, 3)
    if rng.random() < 0.25:
        return kwargs, [target, embed], [[source, kdim], [source, vdim]]
    lead = (lambda length: [batch, length]) if kwargs['batch_first'] else (lambda length: [length, batch])
    return kwargs, lead(target) + [embed], [lead(source) + [kdim], lead(source) + [vdim]]


def transformer_config(kind, rng):
    heads = rng.randint(1, 4)
    d_model = heads * rng.randint(1, 4)
    kwargs = {'d_model': d_model, 'nhead': heads, 'dim_feedforward': rng.randint(1, 32),
              'batch_first': rng.random() < 0.5, 'norm_first': rng.random() < 0.5}
    target, source, batch = rng.randint(1, 5), rng.randint(1, 5), rng.randint(1, 3)
    if rng.random() < 0.25:
        shapes_ = [[target, d_model], [source, d_model]]
    elif kwargs['batch_first']:
        shapes_ = [[batch, target, d_model], [batch, source, d_model]]
    else:
        shapes_ = [[target, batch, d_model], [source, batch, d_model]]
    return kwargs, shapes_[0], (shapes_[1:] if kind == 'TransformerDecoderLayer' else [])


def bilinear_config(kind, rng):
    kwargs = {'in1_features': rng.randint(1, 6), 'in2_features': rng.randint(1, 6), 'out_features': rng.randint(1, 6),
              'bias': rng.random() < 0.7}
    lead = [rng.randint(1, 3) for _ in range(rng.randint(0, 2))]
    return kwargs, lead + [kwargs['in1_features']], [lead + [kwargs['in2_features']]]


def lp_pool_config(kind, rng):
    n = int(kind[-2])
    kernel = rng.randint(1, 3) if rng.random() < 0.6 else tuple(rng.randint(1, 3) for _ in range(n))
    kwargs = {'norm_type': rng.choice([1, 2, 3.0]), 'kernel_size': kernel,
              'stride': rng.choice([None, rng.randint(1, 3)]), 'ceil_mode': rng.random() < 0.3}
    lead = [rng.randint(1, 3)] if rng.random() < 0.7 else []
    return kwargs, lead + [rng.randint(1, 4)] + [rng.randint(3, 9) for _ in range(n)]


def unfold_config(kind, rng):
    kernel = (rng.randint(1, 3), rng.randint(1, 3))
    kwargs = {'kernel_size': rng.choice([kernel[0], kernel]), 'dilation': rng.choice([1, 1, 2, (1, 2)]),
              'padding': rng.choice([0, 1, (0, 1)]), 'stride': rng.choice([1, 2, (2, 1)])}
    lead = [rng.randint(1, 3)] if rng.random() < 0.7 else []
    return kwargs, lead + [rng.randint(1, 3), rng.randint(5, 9), rng.randint(5, 9)]


def fold_config(kind, rng):
    kwargs, shape = unfold_config(kind, rng)
    image = torch.randn(*shape)
    blocks = nn.Unfold(**kwargs)(image)
    kwargs['output_size'] = rng.choice([shape[-1], (shape[-2], shape[-1])]) if shape[-2] == shape[-1] else (shape[-2], shape[-1])
    return kwargs, list(blocks.shape)


def fractional_config(kind, rng):
    n = int(kind[-2])
    kernel = rng.randint(1, 3)
    shape = ([rng.randint(1, 3)] if rng.random() < 0.7 else []) + [rng.randint(1, 3)] + [rng.randint(4, 9) for _ in range(n)]
    kwargs = {'kernel_size': rng.choice([kernel, tuple([kernel] * n)])}
    if rng.random() < 0.5:
        kwargs['output_size'] = rng.choice([rng.randint(1, 3), tuple(rng.randint(1, 3) for _ in range(n))])
    else:
        kwargs['output_ratio'] = rng.choice([0.5, 0.7, tuple(0.5 for _ in range(n))])
    return kwargs, shape


def unpool_config(kind, rng):
    n = int(kind[-2])
    kwargs = {'kernel_size': rng.randint(1, 3), 'stride': rng.choice([None, 1, 2, 3]), 'padding': 0}
    kwargs['padding'] = rng.randint(0, kwargs['kernel_size'] // 2)
    lead = [rng.randint(1, 3)] if rng.random() < 0.7 else []
    return kwargs, lead + [rng.randint(1, 3)] + [rng.randint(1, 5) for _ in range(n)]


def lazy_config(kind, rng):
    if kind == 'LazyLinear':
        shape = [rng.randint(1, 3) for _ in range(rng.randint(0, 2))] + [rng.randint(1, 9)]
        return {'out_features': rng.randint(1, 9), 'bias': rng.random() < 0.7}, shape
    n = int(kind[-2])
    lead = [rng.randint(1, 3)] if rng.random() < 0.7 else []
    if kind.startswith('LazyBatchNorm'):
        lead = [rng.randint(2, 3)]
        kwargs = {'affine': rng.random() < 0.7, 'track_running_stats': rng.random() < 0.7}
        return kwargs, lead + [rng.randint(1, 6)] + ([rng.randint(1, 5) for _ in range(n)] if n > 1 or rng.random() < 0.6 else [])
    groups = rng.choice([1, 1, 2])
    kwargs = {'out_channels': groups * rng.randint(1, 4), 'kernel_size': rng.randint(1, 3), 'stride': rng.choice([1, 2]),
              'padding': rng.randint(0, 1), 'groups': groups, 'bias': rng.random() < 0.7}
    return kwargs, lead + [groups * rng.randint(1, 3)] + [rng.randint(3, 7) for _ in range(n)]


def stack_config(kind, rng):
    """TransformerEncoder/Decoder: a random layer of the stack's kind, 0 to 4 copies, sometimes a final LayerNorm."""
    layer_kind = kind + 'Layer'
    layer_kwargs, shape, others = transformer_config(layer_kind, rng)
    layer_kwargs['activation'] = rng.choice(['relu', 'gelu'])
    argument = 'encoder_layer' if kind == 'TransformerEncoder' else 'decoder_layer'
    # An encoder reads its first layer before running any: zero layers is an error there, not in a decoder.
    kwargs = {argument: Nested(layer_kind, layer_kwargs), 'num_layers': rng.randint(1 if kind == 'TransformerEncoder' else 0, 4)}
    if rng.random() < 0.4:
        kwargs['norm'] = Nested('LayerNorm', {'normalized_shape': layer_kwargs['d_model'], 'elementwise_affine': rng.random() < 0.8})
    if kind == 'TransformerEncoder':
        kwargs['enable_nested_tensor'] = rng.random() < 0.7
        kwargs['mask_check'] = rng.random() < 0.7
    return kwargs, shape, others


def stack(kind, num_layers, norm=None, **layer):
    """An invalid TransformerEncoder/Decoder's kwargs: a d_model 8, 2-head layer unless told otherwise."""
    argument = 'encoder_layer' if kind == 'TransformerEncoder' else 'decoder_layer'
    kwargs = {argument: Nested(kind + 'Layer', {'d_model': 8, 'nhead': 2, 'dim_feedforward': 16, **layer}), 'num_layers': num_layers}
    return {**kwargs, 'norm': Nested('LayerNorm', {'normalized_shape': norm})} if norm else kwargs


def encoder(num_layers, norm=None, **layer):
    return stack('TransformerEncoder', num_layers, norm, **layer)


def decoder(num_layers, norm=None, **layer):
    return stack('TransformerDecoder', num_layers, norm, **layer)


STACK_INVALID = [
    ('TransformerEncoder', encoder(2), [3, 2, 6]),
    ('TransformerEncoder', encoder(2), [3, 2, 2, 8]),
    ('TransformerEncoder', encoder(2, batch_first=True), [8]),
    ('TransformerEncoder', encoder(0), [3, 2, 8]),
    ('TransformerEncoder', encoder(2.5), [3, 2, 8]),
    ('TransformerEncoder', encoder(2, norm=6), [3, 2, 8]),
    ('TransformerEncoder', encoder(1, norm_first=True), [4, 6]),
    ('TransformerDecoder', decoder(2), [3, 2, 8], [[4, 2, 6]]),
    ('TransformerDecoder', decoder(2), [3, 2, 8], [[4, 8]]),
    ('TransformerDecoder', decoder(1), [3, 2, 6], [[4, 2, 8]]),
    ('TransformerDecoder', decoder(2, batch_first=True), [3, 2, 8], [[4, 2, 8]]),
    ('TransformerDecoder', decoder(2), [3, 2, 8], [[4, 3, 8]]),
    ('TransformerDecoder', decoder('2'), [3, 2, 8], [[4, 2, 8]]),
    ('TransformerDecoder', decoder(0, norm=8), [3, 2, 6], [[4, 2, 8]]),
    ('MultiheadAttention', {'embed_dim': 8, 'num_heads': 2, 'add_bias_kv': True}, [3, 2, 8], [[4, 3, 8], [4, 3, 8]]),
    ('MultiheadAttention', {'embed_dim': 8, 'num_heads': 4, 'batch_first': True}, [3, 2, 8], [[4, 5, 8], [4, 5, 8]]),
]


CONFIGS = {'LSTM': recurrent_config, 'GRU': recurrent_config, 'RNN': recurrent_config,
           'LSTMCell': cell_config, 'GRUCell': cell_config, 'RNNCell': cell_config,
           'Embedding': embedding_config, 'GLU': glu_config, 'Unflatten': unflatten_config,
           'UpsamplingNearest2d': upsampling_config, 'UpsamplingBilinear2d': upsampling_config,
           'MultiheadAttention': attention_config, 'TransformerEncoderLayer': transformer_config,
           'TransformerDecoderLayer': transformer_config, 'Bilinear': bilinear_config,
           'LPPool1d': lp_pool_config, 'LPPool2d': lp_pool_config, 'Unfold': unfold_config, 'Fold': fold_config,
           'FractionalMaxPool2d': fractional_config, 'FractionalMaxPool3d': fractional_config,
           'MaxUnpool1d': unpool_config, 'MaxUnpool2d': unpool_config, 'MaxUnpool3d': unpool_config,
           'LazyLinear': lazy_config, **{f'Lazy{base}{n}d': lazy_config for base in ('Conv', 'ConvTranspose', 'BatchNorm')
                                          for n in (1, 2, 3)},
           **MORE_CONFIGS, 'TransformerEncoder': stack_config, 'TransformerDecoder': stack_config}
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
    ('GLU', {'dim': -1}, [2, 5]),
    ('GLU', {'dim': 1}, [4, 3, 2]),
    ('GLU', {'dim': 3}, [2, 4]),
    ('Unflatten', {'dim': 1, 'unflattened_size': (2, 3)}, [2, 7]),
    ('Unflatten', {'dim': 1, 'unflattened_size': 6}, [2, 6]),
    ('Unflatten', {'dim': 1, 'unflattened_size': (2, 2.5)}, [2, 5]),
    ('Unflatten', {'dim': 4, 'unflattened_size': (2, 3)}, [2, 6]),
    ('UpsamplingNearest2d', {}, [1, 2, 3, 3]),
    ('UpsamplingNearest2d', {'size': (2, 2, 2)}, [1, 2, 3, 3]),
    ('UpsamplingNearest2d', {'scale_factor': 2}, [1, 2]),
    ('UpsamplingBilinear2d', {'size': 4, 'scale_factor': 2}, [1, 2, 3, 3]),
    ('UpsamplingBilinear2d', {'scale_factor': 2}, [1, 2, 3, 3, 3]),
    ('UpsamplingBilinear2d', {'scale_factor': (2, 2, 2)}, [1, 2, 3, 3]),
    ('MultiheadAttention', {'embed_dim': 6, 'num_heads': 4}, [2, 1, 6], [[2, 1, 6], [2, 1, 6]]),
    ('MultiheadAttention', {'embed_dim': 8, 'num_heads': 2}, [2, 1, 6], [[2, 1, 6], [2, 1, 6]]),
    ('MultiheadAttention', {'embed_dim': 8, 'num_heads': 2}, [4, 2, 1, 8], [[4, 2, 1, 8], [4, 2, 1, 8]]),
    ('MultiheadAttention', {'embed_dim': 8, 'num_heads': 2}, [2, 1, 8], [[3, 1, 8], [2, 1, 8]]),
    ('TransformerEncoderLayer', {'d_model': 6, 'nhead': 4}, [2, 1, 6]),
    ('TransformerEncoderLayer', {'d_model': 8, 'nhead': 2}, [2, 1, 6]),
    ('TransformerEncoderLayer', {'d_model': 8, 'nhead': 2}, [8]),
    ('TransformerDecoderLayer', {'d_model': 6, 'nhead': 4}, [2, 1, 6], [[3, 1, 6]]),
    ('TransformerDecoderLayer', {'d_model': 8, 'nhead': 2}, [2, 1, 8], [[3, 1, 6]]),
    ('TransformerDecoderLayer', {'d_model': 8, 'nhead': 2}, [2, 1, 6], [[3, 1, 8]]),
    ('Bilinear', {'in1_features': 3, 'in2_features': 4, 'out_features': 5}, [2, 4], [[2, 4]]),
    ('Bilinear', {'in1_features': 3, 'in2_features': 4, 'out_features': 5}, [2, 3], [[2, 5]]),
    ('Bilinear', {'in1_features': 3, 'in2_features': 4, 'out_features': 5}, [2, 3], [[3, 4]]),
    ('LPPool1d', {'norm_type': 2, 'kernel_size': 4}, [1, 2, 3]),
    ('LPPool1d', {'norm_type': 2, 'kernel_size': 2}, [1, 2, 3, 4]),
    ('LPPool1d', {'norm_type': 2, 'kernel_size': 2, 'stride': 0}, [1, 2, 6]),
    ('LPPool2d', {'norm_type': 2, 'kernel_size': 4}, [1, 2, 3, 3]),
    ('LPPool2d', {'norm_type': 2, 'kernel_size': 2}, [2, 3]),
    ('LPPool2d', {'norm_type': 2, 'kernel_size': (2, 2, 2)}, [1, 2, 4, 4]),
    ('Unfold', {'kernel_size': 4}, [1, 2, 3, 3]),
    ('Unfold', {'kernel_size': 2}, [1, 2, 3, 3, 3]),
    ('Unfold', {'kernel_size': 2, 'stride': 0}, [1, 2, 3, 3]),
    ('Fold', {'output_size': 4, 'kernel_size': 2}, [1, 7, 9]),
    ('Fold', {'output_size': 4, 'kernel_size': 2}, [1, 8, 10]),
    ('Fold', {'output_size': 4, 'kernel_size': 2}, [8, 9, 1, 1]),
    ('FractionalMaxPool2d', {'kernel_size': 2}, [1, 2, 6, 6]),
    ('FractionalMaxPool2d', {'kernel_size': 2, 'output_ratio': 1.5}, [1, 2, 6, 6]),
    ('FractionalMaxPool2d', {'kernel_size': 2, 'output_size': 3, 'output_ratio': 0.5}, [1, 2, 6, 6]),
    ('FractionalMaxPool2d', {'kernel_size': 3, 'output_size': 5}, [1, 2, 6, 6]),
    ('FractionalMaxPool3d', {'kernel_size': 2}, [1, 2, 6, 6, 6]),
    ('FractionalMaxPool3d', {'kernel_size': 2, 'output_size': 2}, [2, 6, 6, 6, 6, 1]),
    ('FractionalMaxPool3d', {'kernel_size': 3, 'output_size': 5}, [1, 2, 6, 6, 6]),
    ('MaxUnpool1d', {'kernel_size': 2}, [1, 2, 3, 4]),
    ('MaxUnpool2d', {'kernel_size': 2}, [2, 3]),
    ('MaxUnpool2d', {'kernel_size': 2}, [1, 2, 3, 3, 3]),
    ('MaxUnpool2d', {'kernel_size': 2, 'stride': 1, 'padding': 2}, [1, 1, 2, 2]),
    ('MaxUnpool3d', {'kernel_size': 2}, [2, 3, 3]),
    ('MaxUnpool3d', {'kernel_size': 2}, [1, 1, 2, 2, 2, 2]),
    ('MaxUnpool3d', {'kernel_size': 2, 'stride': 1, 'padding': 2}, [1, 1, 2, 2, 2]),
    ('MaxUnpool1d', {'kernel_size': 2, 'stride': 1, 'padding': 2}, [1, 1, 2]),
    ('MaxUnpool1d', {'kernel_size': 2}, [4]),
    ('LazyLinear', {'out_features': -1}, [2, 3]),
    ('LazyLinear', {'out_features': -2}, [3]),
    ('LazyLinear', {'out_features': -3, 'bias': False}, [2, 2, 5]),
    *[(f'LazyConv{n}d', {'out_channels': 4, 'kernel_size': 3}, [2, 3] + [5] * (n + 1)) for n in (1, 2, 3)],
    *[(f'LazyConv{n}d', {'out_channels': 4, 'kernel_size': 3, 'groups': 2}, [1, 3] + [5] * n) for n in (1, 2, 3)],
    *[(f'LazyConv{n}d', {'out_channels': 3, 'kernel_size': 3, 'groups': 2}, [1, 4] + [5] * n) for n in (1, 2, 3)],
    *[(f'LazyConvTranspose{n}d', {'out_channels': 4, 'kernel_size': 3}, [3]) for n in (1, 2, 3)],
    *[(f'LazyConvTranspose{n}d', {'out_channels': 4, 'kernel_size': 3, 'groups': 2}, [1, 3] + [5] * n) for n in (1, 2, 3)],
    *[(f'LazyConvTranspose{n}d', {'out_channels': 4, 'kernel_size': 3, 'groups': 0}, [1, 2] + [5] * n) for n in (1, 2, 3)],
    *[(f'LazyBatchNorm{n}d', {}, [2, 3] + [4] * (n + 2)) for n in (1, 2, 3)],
    *[(f'LazyConv{n}d', {'out_channels': 4, 'kernel_size': 3}, [1, 2] + [2] * n) for n in (1, 2, 3)],
    *[(f'LazyBatchNorm{n}d', {}, [2, 3] + [4] * (n + 3)) for n in (1, 2, 3)],
    ('LazyBatchNorm1d', {}, [2, 3, 4, 4]),
    ('LazyBatchNorm2d', {}, [2, 3, 4]),
    ('LazyBatchNorm3d', {}, [2, 3, 4, 4]),
    *MORE_INVALID,
    *STACK_INVALID,
]


def bound(kind, kwargs):
    """Every constructor argument by name, defaults filled, as the engine receives them."""
    return jsonable({**{p['name']: p['default'] for p in signature(kind) if 'default' in p}, **kwargs})


def jsonable(value):
    """Tuples as lists; a default that is a function (the transformers' activation) by its name; a nested layer as its class and bound arguments."""
    if isinstance(value, Nested):
        return {'layerClass': value.kind, 'layerArgs': bound(value.kind, value.kwargs)}
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return [jsonable(item) for item in value]
    return value.__name__ if callable(value) else value


def shapes(value):
    """The returned value's shapes, as a nested list mirroring its tuples."""
    if isinstance(value, tuple):
        return [shapes(item) for item in value]
    return list(value.shape)


def make_input(kind, input_shape, module):
    if kind in ('Embedding', 'EmbeddingBag'):
        return torch.randint(0, module.num_embeddings, input_shape)
    return torch.randn(list(input_shape), requires_grad=True)  # a list: an empty shape is a scalar


def bag_offsets(shape, length):
    if len(shape) != 1:
        return torch.zeros(*shape, dtype=torch.long)
    starts = sorted(random.Random(length).randint(0, length) for _ in range(shape[0]))
    return torch.tensor([0] + starts[1:] if starts else [], dtype=torch.long)


class OnGpu(torch.Tensor):
    """A CPU tensor that says it is on the GPU: SyncBatchNorm refuses CPU input before any other check."""

    @property
    def is_cuda(self):
        return True


def call(kind, module, input_shape, others):
    """The module's forward; MaxUnpool gets the indices of a matching MaxPool (all zero when none fits).

    SyncBatchNorm runs in eval mode on an input that claims to be on the GPU: in training it
    needs a distributed process group; in eval mode it is batch norm over any rank from 2 on.
    """
    x = make_input(kind, input_shape, module)
    if kind == 'SyncBatchNorm':
        return module.eval()(x.as_subclass(OnGpu))
    if kind == 'EmbeddingBag':
        # Offsets: increasing starts of the bags in the flat input, the first one 0.
        return module(x, *[bag_offsets(shape, x.numel()) for shape in others])
    if kind.startswith('MaxUnpool'):
        return module(x, torch.zeros(*input_shape, dtype=torch.long))
    return module(x, *[torch.randn(*shape) for shape in others])


def probe_few_errors():
    """Every argument value in a grid, on inputs of rank 1 to 6 (empty ones too): count the distinct errors."""
    for kind, count in FEW_ERRORS.items():
        names = PROBE_ARGS.get(kind, [])
        messages = set()
        for values in itertools.product([-2.0, -1, 0, 0.5, 3], repeat=len(names)):
            for rank in range(0, 7):
                for size in (0, 1, 3):
                    result = run(kind, dict(zip(names, values)), [size] * rank)
                    if result['stage'] != 'ok':
                        messages.add(''.join('#' if ch.isdigit() else ch for ch in result['message']))
        assert len(messages) <= count, (kind, messages)


def message_of(error):
    """The exception's text; a bare `assert` has none, and Python shows it by its name."""
    return str(error) or type(error).__name__


def run(kind, kwargs, input_shape, others=()):
    try:
        module = getattr(nn, kind)(**{name: value.build() if isinstance(value, Nested) else value for name, value in kwargs.items()})
    except Exception as error:  # noqa: BLE001 - recording whatever torch raises is the point
        return {'stage': 'construct', 'message': message_of(error), 'exception': type(error).__name__}
    try:
        out = call(kind, module, input_shape, others)
    except Exception as error:  # noqa: BLE001
        return {'stage': 'apply', 'message': message_of(error), 'exception': type(error).__name__}
    params = [{'name': name, 'shape': list(p.shape), 'trainable': p.requires_grad}
              for name, p in module.named_parameters()]
    return {'stage': 'ok', 'outputs': shapes(out), 'params': params}


def python_params(function, skip):
    params = []
    for name, p in inspect.signature(function).parameters.items():
        if name in skip:
            continue
        params.append({'name': name} if p.default is inspect.Parameter.empty else {'name': name, 'default': jsonable(p.default)})
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
        made, rejected, attempts = 0, set(), 0
        while made < VALID_PER_KIND:
            attempts += 1
            assert attempts < max(VALID_PER_KIND, 24) * 20, f'{kind}: too few valid random configurations'
            kwargs, input_shape, *others = config(kind, rng)
            others = others[0] if others else []
            result = run(kind, kwargs, input_shape, others)
            if result['stage'] != 'ok':
                # A rejected random configuration is kept as an error case, once per message.
                shape = ''.join('#' if ch.isdigit() else ch for ch in result['message'])
                if shape not in rejected:
                    rejected.add(shape)
                    errors.append({'kind': kind, 'kwargs': bound(kind, kwargs), 'input': input_shape,
                                   'others': others, **result})
                continue
            made += 1
            valid.append({'kind': kind, 'kwargs': bound(kind, kwargs), 'input': input_shape, 'others': others,
                          'outputs': result['outputs'], 'params': result['params']})
    for kind, kwargs, input_shape, *others in INVALID:
        others = others[0] if others else []
        result = run(kind, kwargs, input_shape, others)
        assert result['stage'] != 'ok', (kind, kwargs, input_shape)
        errors.append({'kind': kind, 'kwargs': bound(kind, kwargs), 'input': input_shape, 'others': others,
                       **result})
    probe_few_errors()
    payload = {'torch': torch.__version__, 'fewErrors': FEW_ERRORS, 'seed': SEED, 'generator': 'tools/golden/torch_catalogue_cases.py',
               'signatures': {kind: signature(kind) for kind in CONFIGS}, 'valid': valid, 'errors': errors}
    with open(OUT, 'w') as handle:
        json.dump(payload, handle, separators=(',', ':'), sort_keys=True)
        handle.write('\n')
    print(f'{len(valid)} valid catalogue cases, {len(errors)} error cases')


if __name__ == '__main__':
    main()
