import torch
import torch.nn as nn


class C3DLite(nn.Module):
    def __init__(self, num_classes=7):
        super().__init__()
        self.conv1 = nn.Conv3d(3, 16, kernel_size=(3, 3, 3), padding=(1, 1, 1))
        self.pool1 = nn.MaxPool3d(kernel_size=(1, 2, 2), stride=(1, 2, 2))
        self.conv2 = nn.Conv3d(16, 32, kernel_size=3, padding=1)
        self.pool2 = nn.MaxPool3d(kernel_size=2, stride=2, ceil_mode=True)
        self.bn = nn.BatchNorm3d(32)
        self.up = nn.ConvTranspose3d(32, 8, kernel_size=(1, 2, 2), stride=(1, 2, 2))
        self.head = nn.Linear(8 * 4 * 32 * 32, num_classes)
        self.relu = nn.ReLU()

    def forward(self, x):
        x = self.pool1(self.relu(self.conv1(x)))
        x = self.pool2(self.relu(self.conv2(x)))
        x = self.up(self.bn(x))
        x = x.view(x.size(0), -1)
        return self.head(x)


if __name__ == '__main__':
    model = C3DLite()
    logits = model(torch.randn(1, 3, 8, 64, 64))
