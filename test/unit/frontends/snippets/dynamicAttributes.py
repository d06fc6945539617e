"""Modules registered and read back under computed names: self.__setattr__ / self.__getattr__,
setattr/getattr with f-strings and %-formatting, and an nn.ModuleDict subclass iterated with
self.items(), .values() and .keys() (torchvision's DenseNet _DenseBlock does this)."""
from typing import List

import torch
import torch.nn as nn


class _DenseLayer(nn.Module):
    def __init__(self, cin: int, growth: int) -> None:
        super().__init__()
        self.norm = nn.BatchNorm2d(cin)
        self.relu = nn.ReLU(inplace=True)
        self.conv = nn.Conv2d(cin, growth, 3, padding=1, bias=False)

    def forward(self, inputs: List[torch.Tensor]) -> torch.Tensor:
        return self.conv(self.relu(self.norm(torch.cat(inputs, 1))))


class _DenseBlock(nn.ModuleDict):
    def __init__(self, num_layers: int, cin: int, growth: int) -> None:
        super().__init__()
        for i in range(num_layers):
            self.add_module("denselayer%d" % (i + 1), _DenseLayer(cin + i * growth, growth))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        features = [x]
        for name, layer in self.items():
            features.append(layer(features))
        return torch.cat(features, 1)


class Heads(nn.ModuleDict):
    def __init__(self, cin: int) -> None:
        super().__init__({"a": nn.Conv2d(cin, 2, 1), "b": nn.Conv2d(cin, 3, 1)})

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        outs = [head(x) for head in self.values()]
        names = [key for key in self.keys()]
        return torch.cat(outs + [self[names[0]](x)], 1)


class Net(nn.Module):
    def __init__(self, widths=(8, 16)) -> None:
        super().__init__()
        cin = 3
        for i, w in enumerate(widths):
            self.__setattr__(f"stage{i}", nn.Conv2d(cin, w, 3, padding=1))
            setattr(self, "pool%d" % i, nn.MaxPool2d(2))
            cin = w
        self.block = _DenseBlock(3, cin, 4)
        self.heads = Heads(cin + 3 * 4)
        self.n = len(widths)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for i in range(self.n):
            x = getattr(self, "pool%d" % i)(self.__getattr__(f"stage{i}")(x))
        return self.heads(self.block(x))


model = Net()
out = model(torch.randn(1, 3, 32, 32))
