/**
 * Warms up a fresh analysis process. V8 runs new code slowly until it has seen it run:
 * the first analysis in a new worker is 3-5x slower than the same analysis later. A
 * worker that has nothing to do yet analyses this small model file a few times, so the
 * user's first file meets compiled code. The sample touches the paths real model files
 * take: classes with `__init__`/`forward`, helper methods and loops, `nn.Sequential`,
 * every conv variant, functional ops, `torch.cat`, `view`, receptive fields and gridding.
 */
import { performance } from 'node:perf_hooks';
import { loadParser } from '../frontends/treeSitter';
import { analyzeSource } from './analyzeSource';

const warmUpSource = `import torch
import torch.nn as nn
import torch.nn.functional as F

width = 16


class Block(nn.Module):
    expansion = 1

    def __init__(self, in_planes, planes, stride=1, dilation=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, kernel_size=3, stride=stride, padding=dilation, dilation=dilation, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, padding=1, groups=planes)
        self.point = nn.Conv2d(planes, planes, kernel_size=(1, 1))
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Sequential(nn.Conv2d(in_planes, planes, 1, stride=stride, bias=False), nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.point(self.conv2(out))
        out = out + self.shortcut(x)
        return F.relu(out)


class Net(nn.Module):
    def __init__(self, blocks=(2, 2), classes=10):
        super().__init__()
        self.in_planes = width
        self.stem = nn.Sequential(nn.Conv2d(3, width, 7, stride=2, padding=3), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, 1))
        self.layer1 = self._make(width, blocks[0], 1)
        self.layer2 = self._make(width * 2, blocks[1], 2)
        self.dilated = nn.ModuleList([nn.Conv2d(width * 2, width * 2, 3, padding=rate, dilation=rate) for rate in (2, 2, 2)])
        self.up = nn.ConvTranspose2d(width * 2, width, kernel_size=2, stride=2, output_padding=0)
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.head = nn.Linear(width * 2, classes)

    def _make(self, planes, count, stride):
        layers = []
        for index in range(count):
            layers.append(Block(self.in_planes, planes, stride if index == 0 else 1))
            self.in_planes = planes
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.layer2(self.layer1(self.stem(x)))
        for conv in self.dilated:
            x = F.relu(conv(x))
        skip = self.up(x)
        x = torch.cat([F.avg_pool2d(skip, 2), F.avg_pool2d(skip, 2)], dim=1)
        x = self.pool(x).view(x.size(0), -1)
        return self.head(x)


seq = nn.Sequential(
    nn.Conv1d(4, 8, kernel_size=3, padding='same', padding_mode='reflect'),
    nn.AvgPool1d(2, ceil_mode=True),
    nn.Conv3d(8, 8, (3, 3, 1)) if False else nn.Identity(),
    nn.Flatten(),
)

if __name__ == '__main__':
    net = Net()
    y = net(torch.randn(1, 3, 64, 64))
    z = seq(torch.randn(2, 4, 31))
`;

/**
 * Analyses the sample until `budgetMs` has passed, yielding to the event loop between
 * runs; stops early as soon as `stop()` says real work is waiting.
 */
export async function warmUpAnalysis(budgetMs: number, stop: () => boolean = () => false): Promise<number> {
  const started = performance.now();
  // tree-sitter's allocator is slow while it carves fresh wasm memory; one parse of a big
  // text leaves enough free memory behind for the first big file the user opens.
  const parser = await loadParser('python');
  parser.parse(warmUpSource.repeat(Math.ceil(256_000 / warmUpSource.length)))?.delete();
  let runs = 0;
  while (performance.now() - started < budgetMs && !stop()) {
    // A changing comment keeps the run from reusing the previous run's statements.
    await analyzeSource(`# warm-up ${runs}\n${warmUpSource}`, 'python');
    runs += 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return runs;
}
