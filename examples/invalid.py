"""A model with mistakes the extension reports before you run it.

Try: npm run analyze -- examples/invalid.py   (or: node dist/cli.js check examples/invalid.py)
"""
import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
        )
        # 28x28 -> 14x14 -> 7x7, so this should be 64 * 7 * 7
        self.fc = nn.Linear(64 * 8 * 8, num_classes)

    def forward(self, x):
        x = self.features(x)
        x = torch.flatten(x, 1)
        return self.fc(x)


if __name__ == '__main__':
    model = Classifier()
    logits = model(torch.randn(1, 1, 28, 28))
