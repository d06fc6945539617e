from collections import OrderedDict

import torch
import torch.nn as nn


class Blocks(nn.Module):
    def __init__(self, channels=(3, 8, 16, 32)):
        super().__init__()
        self.stages = nn.ModuleList()
        for cin, cout in zip(channels[:-1], channels[1:]):
            self.stages.append(nn.Sequential(OrderedDict([
                ('conv', nn.Conv2d(cin, cout, 3, padding=1)),
                ('bn', nn.BatchNorm2d(cout)),
                ('act', nn.ReLU()),
            ])))
        self.heads = nn.ModuleDict({
            'cls': nn.Linear(channels[-1], 5),
            'box': nn.Linear(channels[-1], 4),
        })
        self.pool = nn.AdaptiveAvgPool2d(1)

    def forward(self, x):
        for i, stage in enumerate(self.stages):
            x = stage(x)
            if i < len(self.stages) - 1:
                x = nn.functional.max_pool2d(x, 2)
        x = self.pool(x).flatten(1)
        return self.heads['cls'](x), self.heads['box'](x)


layers = [nn.Conv2d(3, 6, 3), nn.ReLU()]
layers += [nn.Conv2d(6, 12, 3, stride=2), nn.ReLU()]
tail = nn.Sequential(*layers, nn.Upsample(scale_factor=1.5))

if __name__ == '__main__':
    model = Blocks()
    cls, box = model(torch.randn(1, 3, 40, 40))
    y = tail(torch.ones(1, 3, 21, 21))
