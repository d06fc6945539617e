import torch
import torch.nn as tnn
from torch import nn
from torch.nn import Conv2d, ReLU as Act, Sequential
import torch.nn.functional as F

BASE = 16
DEPTH = BASE * 2

features = Sequential(
    Conv2d(3, BASE, 3, 1, 1),
    Act(),
    tnn.Conv2d(BASE, DEPTH, kernel_size=(3, 5), stride=(2, 1), padding=(1, 2), dilation=1, groups=2),
    torch.nn.BatchNorm2d(DEPTH),
    nn.Conv2d(DEPTH, DEPTH // 4, 1),
    nn.AvgPool2d(3, stride=2, ceil_mode=True),
    nn.Flatten(),
)

if __name__ == '__main__':
    out = features(torch.zeros(2, 3, 33, 31))
