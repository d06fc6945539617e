"""The space of layer configurations torch_cases.py samples from, and the hand-picked cases.

Random configurations are mostly valid; the ones PyTorch rejects become error cases. Inputs
stay small so that the whole run takes seconds.
"""

# (kind, number of VALID random configurations to record)
KINDS = (
    [(f'Conv{n}d', 130) for n in (1, 2, 3)]
    + [(f'ConvTranspose{n}d', 110) for n in (1, 2, 3)]
    + [('Linear', 60)]
    + [(f'MaxPool{n}d', 60) for n in (1, 2, 3)]
    + [(f'AvgPool{n}d', 60) for n in (1, 2, 3)]
    + [(f'AdaptiveAvgPool{n}d', 25) for n in (1, 2, 3)]
    + [(f'AdaptiveMaxPool{n}d', 25) for n in (1, 2, 3)]
    + [(f'BatchNorm{n}d', 20) for n in (1, 2, 3)]
    + [(f'Dropout{n}d', 8) for n in (1, 2, 3)]
    + [('Flatten', 30), ('Upsample', 50), ('Dropout', 8), ('AlphaDropout', 8), ('Identity', 6), ('PReLU', 20)]
    + [(k, 6) for k in ('ReLU', 'ReLU6', 'SELU', 'SiLU', 'Hardswish', 'Hardsigmoid', 'Mish', 'Sigmoid',
                        'Tanh', 'LeakyReLU', 'ELU', 'GELU', 'Softplus', 'Softmax', 'LogSoftmax')]
)


def ints(rng, n, lo, hi):
    """An int, or a tuple of n ints (PyTorch accepts both)."""
    if rng.random() < 0.5:
        return rng.randint(lo, hi)
    return tuple(rng.randint(lo, hi) for _ in range(n))


def spatial(rng, n, lo, hi):
    return [rng.randint(lo, hi) for _ in range(n)]


def conv_input(rng, n, channels):
    size = spatial(rng, n, 1, 14 if n < 3 else 7)
    batch = [rng.randint(1, 2)] if rng.random() < 0.7 else []
    return tuple(batch + [channels] + size)


def conv_config(kind, n, rng):
    groups = rng.choice([1, 1, 1, 2, 3, 4])
    kw = {'in_channels': groups * rng.randint(1, 3), 'out_channels': groups * rng.randint(1, 3),
          'kernel_size': ints(rng, n, 1, 5), 'groups': groups, 'bias': rng.random() < 0.7}
    if rng.random() < 0.6:
        kw['stride'] = ints(rng, n, 1, 3)
    if rng.random() < 0.5:
        kw['dilation'] = ints(rng, n, 1, 3)
    if kind.startswith('ConvTranspose'):
        if rng.random() < 0.7:
            kw['padding'] = ints(rng, n, 0, 3)
        if rng.random() < 0.5:
            kw['output_padding'] = ints(rng, n, 0, 2)
    else:
        choice = rng.random()
        if choice < 0.15:
            kw['padding'] = 'same'
            kw['stride'] = 1
        elif choice < 0.25:
            kw['padding'] = 'valid'
        elif choice < 0.8:
            kw['padding'] = ints(rng, n, 0, 3)
        if rng.random() < 0.35:
            kw['padding_mode'] = rng.choice(['reflect', 'replicate', 'circular'])
    return kw, conv_input(rng, n, kw['in_channels'])


def pool_config(kind, n, rng):
    kernel = ints(rng, n, 1, 4)
    kw = {'kernel_size': kernel, 'ceil_mode': rng.random() < 0.4}
    if rng.random() < 0.6:
        kw['stride'] = ints(rng, n, 1, 3)
    if rng.random() < 0.6:
        kw['padding'] = ints(rng, n, 0, 2)
    if kind.startswith('Max') and rng.random() < 0.4:
        kw['dilation'] = ints(rng, n, 1, 3)
    if kind.startswith('Avg'):
        kw['count_include_pad'] = rng.random() < 0.5
        if n > 1 and rng.random() < 0.2:
            kw['divisor_override'] = rng.randint(1, 5)
    return kw, conv_input(rng, n, rng.randint(1, 3))


def adaptive_config(kind, n, rng):
    if rng.random() < 0.4:
        size = rng.randint(1, 6)
    else:
        size = tuple(None if (n > 1 and rng.random() < 0.25) else rng.randint(1, 6) for _ in range(n))
        if n == 1:
            size = size[0]
    return {'output_size': size}, conv_input(rng, n, rng.randint(1, 3))


def batch_norm_config(n, rng):
    channels = rng.randint(1, 6)
    kw = {'num_features': channels, 'affine': rng.random() < 0.7, 'track_running_stats': rng.random() < 0.7}
    if n == 1 and rng.random() < 0.4:
        return kw, (rng.randint(2, 4), channels)
    return kw, tuple([rng.randint(1, 3), channels] + spatial(rng, n, 1, 5))


def upsample_config(rng):
    n = rng.randint(1, 3)
    mode = rng.choice(['nearest', {1: 'linear', 2: 'bilinear', 3: 'trilinear'}[n]] + (['bicubic'] if n == 2 else []))
    kw = {'mode': mode}
    if rng.random() < 0.4:
        kw['size'] = ints(rng, n, 1, 12) if n > 1 else rng.randint(1, 12)
    else:
        factor = rng.choice([2, 3, 0.5, 1.5, 2.5, 1.7, 0.75])
        kw['scale_factor'] = factor if rng.random() < 0.6 else tuple(rng.choice([factor, 2.0, 1.3]) for _ in range(n))
        if rng.random() < 0.3:
            kw['recompute_scale_factor'] = True
    if mode != 'nearest' and rng.random() < 0.5:
        kw['align_corners'] = rng.random() < 0.5
    return kw, tuple([rng.randint(1, 2), rng.randint(1, 3)] + spatial(rng, n, 1, 9))


def any_shape(rng):
    return tuple(rng.randint(1, 5) for _ in range(rng.randint(1, 4)))


def random_config(kind, rng):
    """(kwargs, input shape) for one random configuration of `kind`."""
    n = int(kind[-2]) if kind[-1] == 'd' and kind[-2].isdigit() else 0
    if kind.startswith('Conv'):
        return conv_config(kind, n, rng)
    if kind.startswith(('MaxPool', 'AvgPool')):
        return pool_config(kind, n, rng)
    if kind.startswith('Adaptive'):
        return adaptive_config(kind, n, rng)
    if kind.startswith('BatchNorm'):
        return batch_norm_config(n, rng)
    if kind.startswith('Dropout') and n:
        return {'p': 0.5}, tuple([rng.randint(1, 2)] * (rng.random() < 0.6) + [rng.randint(1, 3)] + spatial(rng, n, 1, 4))
    if kind == 'Linear':
        in_features = rng.randint(1, 20)
        shape = tuple([rng.randint(1, 3) for _ in range(rng.randint(0, 2))] + [in_features])
        return {'in_features': in_features, 'out_features': rng.randint(1, 20), 'bias': rng.random() < 0.7}, shape
    if kind == 'Flatten':
        shape = any_shape(rng)
        rank = len(shape)
        return {'start_dim': rng.randint(-rank, rank - 1), 'end_dim': rng.randint(-rank, rank - 1)}, shape
    if kind == 'Upsample':
        return upsample_config(rng)
    if kind == 'PReLU':
        shape = tuple([rng.randint(1, 2), rng.randint(1, 4)] + spatial(rng, rng.randint(0, 2), 1, 4))
        return {'num_parameters': rng.choice([1, shape[1]])}, shape
    if kind in ('Softmax', 'LogSoftmax'):
        shape = any_shape(rng)
        return {'dim': rng.randint(-len(shape), len(shape) - 1)}, shape
    if kind == 'LeakyReLU':
        return {'negative_slope': 0.2}, any_shape(rng)
    return {}, any_shape(rng)


def hand_valid_cases():
    """Edge cases picked by hand."""
    return [
        ('MaxPool1d', {'kernel_size': 2, 'stride': 2, 'padding': 1, 'ceil_mode': True}, (1, 1, 3)),
        ('AvgPool1d', {'kernel_size': 2, 'stride': 2, 'padding': 1, 'ceil_mode': True}, (1, 1, 3)),
        ('MaxPool2d', {'kernel_size': 3, 'stride': 2, 'padding': 1, 'ceil_mode': True}, (1, 2, 6, 7)),
        ('Upsample', {'scale_factor': 1.5}, (1, 1, 5)),
        ('ConvTranspose2d', {'in_channels': 1, 'out_channels': 1, 'kernel_size': 3}, (1, 1, 2, 2)),
        ('Conv2d', {'in_channels': 3, 'out_channels': 30, 'kernel_size': 10}, (1, 3, 10, 10)),
        ('Conv2d', {'in_channels': 3, 'out_channels': 30, 'kernel_size': 10, 'dilation': 2, 'padding': 5}, (1, 3, 10, 10)),
        ('Conv2d', {'in_channels': 3, 'out_channels': 30, 'kernel_size': 10, 'groups': 3}, (1, 3, 10, 10)),
        ('Conv2d', {'in_channels': 3, 'out_channels': 30, 'kernel_size': 1}, (1, 3, 10, 10)),
        ('Conv2d', {'in_channels': 3, 'out_channels': 3, 'kernel_size': 10, 'groups': 3}, (1, 3, 10, 10)),
        ('Linear', {'in_features': 300, 'out_features': 3000}, (1, 300)),
        ('Conv2d', {'in_channels': 2, 'out_channels': 2, 'kernel_size': 4, 'padding': 'same', 'dilation': 1}, (1, 2, 5, 5)),
        ('Conv2d', {'in_channels': 2, 'out_channels': 2, 'kernel_size': 4, 'padding': 'same', 'padding_mode': 'reflect'}, (2, 5, 5)),
    ]


def hand_error_cases():
    """Every hand-picked invalid case, constructor and run time. (kind, kwargs, input or None)."""
    c2 = {'in_channels': 3, 'out_channels': 6, 'kernel_size': 3}
    t2 = {'in_channels': 3, 'out_channels': 6, 'kernel_size': 3}
    x = (1, 3, 8, 8)
    return [
        ('Conv2d', {**c2, 'groups': 0}, x),
        ('Conv2d', {**c2, 'groups': -2}, x),
        ('Conv2d', {**c2, 'groups': 2}, x),
        ('Conv2d', {'in_channels': 4, 'out_channels': 6, 'kernel_size': 3, 'groups': 4}, x),
        ('ConvTranspose2d', {**t2, 'groups': 2}, x),
        ('Conv2d', {**c2, 'padding': 'x'}, x),
        ('Conv1d', {**c2, 'padding': 'full'}, (1, 3, 8)),
        ('Conv2d', {**c2, 'padding': 'same', 'stride': 2}, x),
        ('Conv3d', {**c2, 'padding': 'same', 'stride': (1, 1, 2)}, (1, 3, 8, 8, 8)),
        ('Conv2d', {**c2, 'padding_mode': 'x'}, x),
        ('ConvTranspose2d', {**t2, 'padding_mode': 'reflect'}, x),
        ('Conv2d', {'in_channels': 32, 'out_channels': 64, 'kernel_size': 3}, (1, 16, 30, 30)),
        ('Conv2d', {'in_channels': 32, 'out_channels': 64, 'kernel_size': 3}, (16, 30, 30)),
        ('Conv2d', {'in_channels': 32, 'out_channels': 64, 'kernel_size': 3, 'groups': 2}, (1, 16, 30, 30)),
        ('Conv1d', {'in_channels': 32, 'out_channels': 64, 'kernel_size': 3, 'padding': 2, 'padding_mode': 'circular'}, (1, 16, 30)),
        ('ConvTranspose2d', {'in_channels': 32, 'out_channels': 64, 'kernel_size': 3}, (1, 16, 30, 30)),
        ('ConvTranspose2d', {'in_channels': 32, 'out_channels': 64, 'kernel_size': 3, 'groups': 2}, (16, 30, 30)),
        ('Conv2d', {'in_channels': 3, 'out_channels': 64, 'kernel_size': 7}, (1, 3, 5, 5)),
        ('Conv2d', {'in_channels': 3, 'out_channels': 64, 'kernel_size': 3, 'dilation': 3}, (1, 3, 5, 5)),
        ('Conv1d', {'in_channels': 3, 'out_channels': 64, 'kernel_size': 7}, (1, 3, 5)),
        ('Conv3d', {'in_channels': 3, 'out_channels': 4, 'kernel_size': (1, 7, 1)}, (1, 3, 5, 5, 5)),
        ('Conv2d', {'in_channels': 3, 'out_channels': 4, 'kernel_size': 7, 'padding': 1, 'padding_mode': 'replicate'}, (1, 3, 4, 4)),
        ('Linear', {'in_features': 100, 'out_features': 10}, (1, 1568)),
        ('Linear', {'in_features': 100, 'out_features': 10}, (1568,)),
        ('Linear', {'in_features': 100, 'out_features': 10}, (2, 3, 1568)),
        ('ConvTranspose2d', {**t2, 'stride': 2, 'output_padding': 2}, x),
        ('ConvTranspose1d', {**t2, 'stride': 2, 'output_padding': 2}, (1, 3, 8)),
        ('ConvTranspose3d', {**t2, 'stride': 2, 'output_padding': (0, 2, 1)}, (1, 3, 4, 4, 4)),
        ('ConvTranspose2d', {**t2, 'output_padding': 1}, x),
        ('ConvTranspose2d', {**t2, 'padding': 4}, (1, 3, 2, 2)),
        ('MaxPool2d', {'kernel_size': 2, 'padding': 2}, x),
        ('MaxPool1d', {'kernel_size': 2, 'padding': 2}, (1, 3, 8)),
        ('MaxPool3d', {'kernel_size': 3, 'padding': 2}, (1, 3, 8, 8, 8)),
        ('AvgPool2d', {'kernel_size': 3, 'padding': 2}, x),
        ('AvgPool1d', {'kernel_size': 2, 'padding': 2}, (1, 3, 8)),
        ('AvgPool3d', {'kernel_size': 2, 'padding': 2}, (1, 3, 8, 8, 8)),
        ('Conv2d', {**c2, 'stride': 0}, x),
        ('Conv1d', {**c2, 'stride': -1}, (1, 3, 8)),
        ('ConvTranspose2d', {**t2, 'stride': 0}, x),
        ('Conv2d', {**c2, 'padding': -1}, x),
        ('ConvTranspose2d', {**t2, 'padding': -1}, x),
        ('Conv2d', {**c2, 'padding': 4, 'padding_mode': 'reflect'}, (1, 3, 4, 4)),
        ('Conv1d', {**c2, 'padding': 4, 'padding_mode': 'reflect'}, (1, 3, 4)),
        ('Conv3d', {**c2, 'padding': 4, 'padding_mode': 'reflect'}, (1, 3, 4, 4, 4)),
        ('Conv2d', {**c2, 'padding': 5, 'padding_mode': 'circular'}, (1, 3, 4, 4)),
        ('Conv2d', c2, (1, 1, 3, 8, 8)),
        ('Conv2d', c2, (8, 8)),
        ('Conv1d', c2, (8,)),
        ('Conv3d', c2, (3, 8, 8)),
        ('ConvTranspose2d', t2, (8, 8)),
        ('BatchNorm2d', {'num_features': 3}, (1, 4, 8, 8)),
        ('BatchNorm1d', {'num_features': 3}, (2, 4)),
        ('BatchNorm1d', {'num_features': 3}, (2, 4, 5)),
        ('BatchNorm2d', {'num_features': 3}, (3, 8, 8)),
        ('BatchNorm1d', {'num_features': 3}, (2, 3, 4, 4)),
        ('BatchNorm3d', {'num_features': 3}, (2, 3, 4, 4)),
        ('BatchNorm2d', {'num_features': 3, 'track_running_stats': False}, (2, 4, 8, 8)),
        ('BatchNorm1d', {'num_features': 3}, (1, 3)),
        ('Conv2d', {**c2, 'stride': 0, 'padding': -1}, (1, 4, 8, 8)),
        ('Conv2d', {**c2, 'dilation': 0}, x),
        ('ConvTranspose2d', {**t2, 'padding': 'same'}, x),
        ('ConvTranspose2d', {**t2, 'output_padding': 3}, (1, 4, 8, 8)),
        ('Conv2d', {'in_channels': 3, 'out_channels': 6, 'kernel_size': 5}, (1, 4, 2, 2)),
        ('MaxPool2d', {'kernel_size': 2, 'stride': 0}, x),
        ('MaxPool1d', {'kernel_size': 2, 'stride': 0}, (1, 3, 8)),
        ('MaxPool1d', {'kernel_size': 2, 'padding': -1}, (1, 3, 8)),
        ('MaxPool2d', {'kernel_size': 2, 'padding': -1}, x),
        ('MaxPool2d', {'kernel_size': (2, 4), 'padding': (2, 1)}, x),
        ('MaxPool2d', {'kernel_size': 5}, (1, 3, 4, 4)),
        ('AvgPool2d', {'kernel_size': 5}, (1, 3, 4, 4)),
        ('AvgPool1d', {'kernel_size': 5}, (1, 3, 4)),
        ('AvgPool1d', {'kernel_size': 2, 'stride': 0, 'padding': 2}, (1, 3, 8)),
        ('MaxPool3d', {'kernel_size': 5}, (1, 3, 4, 4, 4)),
        ('AvgPool3d', {'kernel_size': 5, 'padding': 2}, (1, 3, 4, 4, 4)),
        ('MaxPool2d', {'kernel_size': 3}, (8, 8)),
        ('MaxPool1d', {'kernel_size': 2}, (8,)),
        ('AvgPool1d', {'kernel_size': 2}, (8,)),
        ('AvgPool3d', {'kernel_size': 2}, (8, 8, 8)),
        ('MaxPool3d', {'kernel_size': 2}, (8, 8, 8)),
        ('AdaptiveAvgPool2d', {'output_size': 3}, (5, 6)),
        ('AdaptiveMaxPool2d', {'output_size': 3}, (5, 6)),
        ('AdaptiveAvgPool1d', {'output_size': 3}, (5,)),
        ('AdaptiveMaxPool1d', {'output_size': 3}, (5,)),
        ('AdaptiveAvgPool3d', {'output_size': 3}, (5, 6)),
        ('AdaptiveMaxPool3d', {'output_size': 3}, (5, 6)),
        ('PReLU', {'num_parameters': 3}, (1, 4, 8, 8)),
        ('PReLU', {'num_parameters': 3}, (4,)),
        ('Upsample', {'scale_factor': 2}, (3, 5)),
        ('Upsample', {'size': (3, 4)}, (1, 3, 5)),
        ('Upsample', {'scale_factor': 2, 'mode': 'bilinear'}, (1, 3, 5)),
        ('Upsample', {'scale_factor': 2, 'mode': 'trilinear'}, (1, 3, 5, 5)),
        ('Upsample', {'scale_factor': 0.4}, (1, 3, 2)),
        ('Upsample', {'scale_factor': 0.4}, (1, 3, 2, 2)),
        ('Upsample', {'size': (3, 4), 'scale_factor': 2}, (1, 3, 2, 2)),
        ('Upsample', {}, (1, 3, 2, 2)),
        ('Upsample', {'scale_factor': 2, 'align_corners': True}, (1, 3, 2, 2)),
        ('Upsample', {'scale_factor': (2, 3)}, (1, 3, 2)),
        ('Upsample', {'scale_factor': (1.5, 2.5, 0.5)}, (1, 3, 2, 4)),
        ('Flatten', {'start_dim': 2}, (1, 3)),
        ('Flatten', {'start_dim': 0, 'end_dim': -3}, (3, 4)),
        ('Flatten', {'start_dim': 1, 'end_dim': 0}, (3, 4)),
        ('Softmax', {'dim': 3}, (2, 3)),
        ('LogSoftmax', {'dim': -3}, (2, 3)),
        ('Dropout', {'p': 1.5}, (2, 3)),
        ('Dropout2d', {'p': -0.1}, (2, 3)),
        ('Dropout1d', {}, (2, 3, 4, 5)),
    ]
