import torch
import torch.nn as nn

stem = nn.Sequential(
    nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False),
    nn.BatchNorm2d(64),
    nn.ReLU(inplace=True),
    nn.MaxPool2d(kernel_size=3, stride=2, padding=1),
)

if __name__ == '__main__':
    y = stem(torch.randn(1, 3, 224, 224))
