"""Three stacked 3x3 dilated convolutions, twice: the same rates (2, 2, 2) leave holes in
the receptive field (the gridding effect); the hybrid rates (1, 2, 3) cover it fully.
Both see a 13x13 field; hover the last layer of each to compare the coverage.

Try: npm run analyze -- examples/dilated_stack.py
"""
import torch
import torch.nn as nn


def dilated_stack(rates, channels=16):
    layers = [nn.Conv2d(3, channels, 1)]
    for rate in rates:
        layers.append(nn.Conv2d(channels, channels, kernel_size=3, padding=rate, dilation=rate))
        layers.append(nn.ReLU(inplace=True))
    return nn.Sequential(*layers)


gridding = dilated_stack((2, 2, 2))
hybrid = dilated_stack((1, 2, 3))

# The same idea without a helper: one output pixel reaches only every other input pixel.
same_rate = nn.Sequential(
    nn.Conv2d(3, 8, kernel_size=3, padding=2, dilation=2),
    nn.Conv2d(8, 8, kernel_size=3, padding=2, dilation=2),
    nn.Conv2d(8, 8, kernel_size=3, padding=2, dilation=2),
)

if __name__ == '__main__':
    x = torch.randn(1, 3, 32, 32)
    print(gridding(x).shape, hybrid(x).shape, same_rate(x).shape)
