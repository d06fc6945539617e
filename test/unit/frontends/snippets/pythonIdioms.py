"""Python idioms model code uses: f-string names, setattr/getattr, partial, classmethods,
**kwargs forwarding, dict configs, slicing a Sequential, super().forward, while loops."""
import math
from functools import partial

import torch
import torch.nn as nn
import torch.nn.functional as F

ACTIVATIONS = {'relu': nn.ReLU, 'gelu': nn.GELU}


class ConvAct(nn.Sequential):
    def __init__(self, cin, cout, act='relu', **conv_kwargs):
        super().__init__(nn.Conv2d(cin, cout, bias=False, **conv_kwargs), ACTIVATIONS[act]())

    def forward(self, x):
        return super().forward(x)


class Pyramid(nn.Module):
    def __init__(self, widths=(8, 16, 32), norm=partial(nn.BatchNorm2d, eps=1e-3)):
        super().__init__()
        self.num_levels = len(widths)
        cin = 3
        for i, w in enumerate(widths):
            setattr(self, f'level{i}', ConvAct(cin, w, act='gelu' if i % 2 else 'relu', kernel_size=3, stride=2, padding=1))
            self.add_module('norm%d' % i, norm(w))
            cin = w
        self.heads = nn.ModuleDict({f'p{i}': nn.Conv2d(w, 4, 1) for i, w in enumerate(widths)})
        self.tail = nn.Sequential(nn.Conv2d(cin, cin, 3, padding=1), nn.ReLU(), nn.Conv2d(cin, cin, 1), nn.Sigmoid())
        self.gate = self.tail[1:3]

    @classmethod
    def small(cls, **kwargs):
        return cls(widths=(4, 8), **kwargs)

    def forward(self, x):
        outputs = []
        for i in range(self.num_levels):
            x = getattr(self, 'norm{}'.format(i))(getattr(self, f'level{i}')(x))
            outputs.append(self.heads[f'p{i}'](x))
        n = 0
        while n < 2:
            x = x + self.gate(x)
            n += 1
        size = int(math.ceil(x.shape[-1] * 1.5))
        y = F.interpolate(self.tail(x), size=(size, size))
        return torch.cat([o.flatten(2) for o in outputs], dim=2).mean(-1), y


if __name__ == '__main__':
    model = Pyramid.small()
    scores, maps = model(torch.randn(2, 3, 30, 30))
