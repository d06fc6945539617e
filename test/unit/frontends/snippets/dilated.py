import torch
import torch.nn as nn
import torch.nn.functional as F


class ASPP(nn.Module):
    def __init__(self, in_channels=64, out_channels=32, rates=(6, 12, 18)):
        super().__init__()
        modules = [nn.Sequential(nn.Conv2d(in_channels, out_channels, 1, bias=False), nn.BatchNorm2d(out_channels), nn.ReLU())]
        for rate in rates:
            modules.append(nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 3, padding=rate, dilation=rate, bias=False),
                nn.BatchNorm2d(out_channels),
                nn.ReLU()))
        self.convs = nn.ModuleList(modules)
        self.pool = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(in_channels, out_channels, 1, bias=False), nn.ReLU())
        self.project = nn.Conv2d(out_channels * (len(rates) + 2), out_channels, 1, bias=False)

    def forward(self, x):
        size = x.shape[-2:]
        res = [conv(x) for conv in self.convs]
        pooled = self.pool(x)
        res.append(F.interpolate(pooled, size=size, mode='bilinear', align_corners=False))
        return self.project(torch.cat(res, dim=1))


# conv-inspector: input=(1, 8, 64, 64)
gridding = nn.Sequential(
    nn.Conv2d(8, 8, 3, padding=2, dilation=2),
    nn.ReLU(),
    nn.Conv2d(8, 8, 3, padding=2, dilation=2),
    nn.ReLU(),
    nn.Conv2d(8, 8, 3, padding=2, dilation=2),
)

hybrid = nn.Sequential(
    nn.Conv2d(8, 8, 3, padding=1, dilation=1),
    nn.Conv2d(8, 8, 3, padding=2, dilation=2),
    nn.Conv2d(8, 8, 3, padding=3, dilation=3),
)

if __name__ == '__main__':
    out = ASPP()(torch.randn(1, 64, 33, 33))
    g = gridding(torch.randn(1, 8, 64, 64))
    h = hybrid(torch.randn(1, 8, 64, 64))
