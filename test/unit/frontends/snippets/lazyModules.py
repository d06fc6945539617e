import torch
import torch.nn as nn


class LazyNet(nn.Module):
    """Lazy layers: each reads its first dimension from its first input."""

    def __init__(self):
        super().__init__()
        self.conv = nn.LazyConv2d(8, 3, padding=1)
        self.bn = nn.LazyBatchNorm2d()
        self.up = nn.LazyConvTranspose2d(4, 2, stride=2)
        self.fc = nn.LazyLinear(10)

    def forward(self, x):
        x = self.up(self.bn(self.conv(x)))
        return self.fc(x.flatten(1))


model = LazyNet()
y = model(torch.randn(2, 3, 8, 8))
