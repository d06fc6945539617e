import torch
import torch.nn as nn


class CRNN(nn.Module):
    """A text-line recogniser: convolutions, the feature map read as a sequence, LSTM, GRU, Linear."""

    def __init__(self, num_classes=37, hidden=64):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.rnn = nn.LSTM(64 * 8, hidden, num_layers=2, bidirectional=True, batch_first=True)
        self.gru = nn.GRU(2 * hidden, hidden)
        self.state = nn.Linear(hidden, hidden)
        self.fc = nn.Linear(hidden, num_classes)

    def forward(self, x):
        x = self.conv(x)
        n, c, h, w = x.size()
        x = x.permute(0, 3, 1, 2).reshape(n, w, c * h)
        out, (h_n, c_n) = self.rnn(x)
        out = out.transpose(0, 1)
        out, last = self.gru(out)
        out = out + self.state(last[-1])
        return self.fc(out)


model = CRNN()
y = model(torch.randn(2, 1, 32, 100))
