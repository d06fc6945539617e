"""Writes test/fixtures/pytorch/invalid/*.py, one small model file per hand-picked invalid
case, runs each under real PyTorch and records PyTorch's exact message and the
line where the error belongs (the constructor of the failing layer) in
test/fixtures/pytorch/truth/invalid.json.

Usage: /usr/bin/python3 tools/golden/pytorch_invalid.py
"""
import glob
import json
import os
import sys
import textwrap

from pytorch_truth import record_file

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(os.path.dirname(HERE)), "test", "fixtures", "pytorch")
HEADER = "import torch\nimport torch.nn as nn\n\n"

# name -> (source after the imports, text of the line where the error belongs)
CASES = {
    "groups_in_channels": ("""
        model = nn.Sequential(
            nn.Conv2d(6, 8, kernel_size=3, groups=4),
            nn.ReLU(),
        )

        if __name__ == '__main__':
            out = model(torch.randn(1, 6, 16, 16))
        """, "nn.Conv2d(6, 8"),
    "groups_out_channels": ("""
        model = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1),
            nn.Conv2d(8, 6, 3, groups=4),
        )

        if __name__ == '__main__':
            out = model(torch.randn(1, 3, 16, 16))
        """, "nn.Conv2d(8, 6"),
    "groups_zero": ("""
        conv = nn.Conv1d(4, 8, 3, groups=0)

        if __name__ == '__main__':
            y = conv(torch.randn(1, 4, 20))
        """, "nn.Conv1d(4, 8"),
    "same_strided": ("""
        model = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding='same'),
            nn.Conv2d(16, 32, 3, stride=2, padding='same'),
        )

        if __name__ == '__main__':
            out = model(torch.randn(1, 3, 32, 32))
        """, "stride=2, padding='same'"),
    "bad_padding_string": ("""
        model = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding='full'),
        )

        if __name__ == '__main__':
            out = model(torch.randn(1, 3, 32, 32))
        """, "padding='full'"),
    "bad_padding_mode": ("""
        model = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1, padding_mode='mirror'),
        )

        if __name__ == '__main__':
            out = model(torch.randn(1, 3, 32, 32))
        """, "padding_mode='mirror'"),
    "transposed_padding_mode": ("""
        up = nn.ConvTranspose2d(16, 8, 2, stride=2, padding_mode='reflect')

        if __name__ == '__main__':
            out = up(torch.randn(1, 16, 8, 8))
        """, "nn.ConvTranspose2d(16, 8"),
    "output_padding_too_large": ("""
        decoder = nn.Sequential(
            nn.ConvTranspose2d(32, 16, 3, stride=2, padding=1, output_padding=1),
            nn.ReLU(),
            nn.ConvTranspose2d(16, 3, 3, stride=2, padding=1, output_padding=2),
        )

        if __name__ == '__main__':
            img = decoder(torch.randn(1, 32, 7, 7))
        """, "output_padding=2"),
    "kernel_too_large": ("""
        model = nn.Sequential(
            nn.Conv2d(3, 8, 3, stride=2),
            nn.Conv2d(8, 8, 5),
        )

        if __name__ == '__main__':
            out = model(torch.randn(1, 3, 9, 9))
        """, "nn.Conv2d(8, 8, 5)"),
    "channel_mismatch": ("""
        model = nn.Sequential(
            nn.Conv2d(3, 16, 3),
            nn.ReLU(),
            nn.Conv2d(32, 64, 3),
        )

        if __name__ == '__main__':
            out = model(torch.randn(1, 3, 32, 32))
        """, "nn.Conv2d(32, 64, 3)"),
    "channel_mismatch_module": ("""
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv1 = nn.Conv1d(1, 16, 5, padding=2)
                self.conv2 = nn.Conv1d(32, 32, 5, padding=2)

            def forward(self, x):
                x = torch.relu(self.conv1(x))
                return self.conv2(x)


        if __name__ == '__main__':
            net = Net()
            y = net(torch.randn(4, 1, 100))
        """, "nn.Conv1d(32, 32"),
    "linear_mismatch": ("""
        model = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(100, 10),
        )

        if __name__ == '__main__':
            logits = model(torch.randn(1, 1, 28, 28))
        """, "nn.Linear(100, 10)"),
    "lenet_linear_mismatch": ("""
        import torch.nn.functional as F


        class LeNet(nn.Module):
            def __init__(self):
                super(LeNet, self).__init__()
                self.conv1 = nn.Conv2d(1, 6, 5)
                self.conv2 = nn.Conv2d(6, 16, 5)
                self.fc1 = nn.Linear(16 * 4 * 4, 120)
                self.fc2 = nn.Linear(120, 84)
                self.fc3 = nn.Linear(84, 10)

            def forward(self, x):
                x = F.max_pool2d(F.relu(self.conv1(x)), 2)
                x = F.max_pool2d(F.relu(self.conv2(x)), 2)
                x = torch.flatten(x, 1)
                x = F.relu(self.fc1(x))
                x = F.relu(self.fc2(x))
                return self.fc3(x)


        if __name__ == '__main__':
            net = LeNet()
            out = net(torch.randn(1, 1, 32, 32))
        """, "nn.Linear(16 * 4 * 4, 120)"),
    "reflect_padding_too_large": ("""
        model = nn.Sequential(
            nn.Conv2d(3, 8, 3, stride=2),
            nn.Conv2d(8, 8, 3, padding=3, padding_mode='reflect'),
        )

        if __name__ == '__main__':
            out = model(torch.randn(1, 3, 7, 7))
        """, "padding_mode='reflect'"),
    "negative_padding": ("""
        model = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=-1),
        )

        if __name__ == '__main__':
            out = model(torch.randn(1, 3, 16, 16))
        """, "padding=-1"),
    "non_positive_stride": ("""
        model = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1),
            nn.Conv2d(8, 8, 3, stride=0),
        )

        if __name__ == '__main__':
            out = model(torch.randn(1, 3, 16, 16))
        """, "stride=0"),
    "pool_padding_too_large": ("""
        features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1),
            nn.MaxPool2d(kernel_size=2, stride=2, padding=2),
        )

        if __name__ == '__main__':
            out = features(torch.randn(1, 3, 16, 16))
        """, "nn.MaxPool2d("),
    "avgpool_padding_too_large": ("""
        features = nn.Sequential(
            nn.Conv1d(2, 4, 3),
            nn.AvgPool1d(3, stride=1, padding=2),
        )

        if __name__ == '__main__':
            out = features(torch.randn(1, 2, 30))
        """, "nn.AvgPool1d("),
}


def main():
    if os.environ.get("PYTHONHASHSEED") != "0":
        # PyTorch prints sets ({'valid', 'same'}) in hash order: fix it so reruns give the same file
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    folder = os.path.join(FIXTURES, "invalid")
    os.makedirs(folder, exist_ok=True)
    for old in glob.glob(os.path.join(folder, "*.py")):
        os.remove(old)
    truth = {}
    for name, (body, marker) in CASES.items():
        source = HEADER + textwrap.dedent(body).lstrip("\n")
        path = os.path.join(folder, name + ".py")
        with open(path, "w", encoding="utf-8") as out:
            out.write(source)
        expected_line = next(i + 1 for i, text in enumerate(source.splitlines()) if marker in text)
        error = record_file(path)["error"]
        assert error is not None, f"{name}: PyTorch accepted it"
        assert error["line"] == expected_line, f"{name}: error on line {error['line']}, expected {expected_line}"
        truth[name + ".py"] = error
        print(f"{name}.py:{error['line']}: {error['type']}: {error['message']}")
    with open(os.path.join(FIXTURES, "truth", "invalid.json"), "w", encoding="utf-8") as out:
        json.dump(truth, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
