"""Small tensors of known values used as hyperparameters (torch.arange, torch.linspace,
torch.tensor, arithmetic, .tolist(), .item(), int(), float()), x.is_cuda and x.device, and
self.training: True after construction, following .train() / .eval(); an auxiliary head runs
only in training mode, as GoogLeNet's and Inception's do."""
import torch
import torch.nn as nn

widths = (torch.arange(3) * 8 + 8).tolist()
drop_rates = [x.item() for x in torch.linspace(0, 0.1, 4)]
expansion = int(torch.tensor(4))
ratio = float(torch.tensor([0.25]))
kernels = torch.tensor([[3, 5], [1, 1]])
steps = torch.arange(2, 8, 2)
# float32 values to the last bit: a channel count taken from the ninth digit.
channels = [int(x * 1e9) % 7 + 1 for x in torch.linspace(0, 0.1, 4)]


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.stem = nn.Conv2d(3, widths[0], int(kernels[0][0]), padding=1)
        self.blocks = nn.Sequential(
            *[nn.Conv2d(widths[i], widths[i + 1], kernels.tolist()[0][1], padding=2) for i in range(len(widths) - 1)]
        )
        self.expand = nn.Conv2d(widths[-1], widths[-1] * expansion, 1)
        self.squeeze = nn.Conv2d(widths[-1] * expansion, int(widths[-1] * expansion * ratio), 1)
        self.drops = nn.ModuleList([nn.Dropout(p) for p in drop_rates])
        self.probe = nn.Sequential(*[nn.Conv2d(cin, cout, 1) for cin, cout in zip([3] + channels, channels)])
        self.pool = nn.AdaptiveAvgPool2d(int(steps[0].item()) // 2)
        self.fc = nn.Linear(int(widths[-1] * expansion * ratio), int(steps.sum() if False else steps[-1]))
        self.aux = nn.Linear(int(widths[-1] * expansion * ratio), 3)

    def forward(self, x: torch.Tensor):
        if x.is_cuda or x.device.type == "cuda":
            x = x.half()
        x = self.blocks(self.stem(x)) + self.probe(x).sum() * 0
        x = self.squeeze(self.expand(x))
        x = torch.flatten(self.pool(x), 1)
        for drop in self.drops:
            x = drop(x)
        if self.training:
            return self.fc(x), self.aux(x)
        return self.fc(x)


model = Net()
train_out = model(torch.randn(2, 3, 16, 16))
model.eval()
eval_out = model(torch.randn(1, 3, 16, 16))
model.train()
again = model(torch.randn(1, 3, 16, 16))


class EvalNet(Net):
    pass


evaluator = EvalNet().eval()
evaluated = evaluator(torch.randn(1, 3, 16, 16))
