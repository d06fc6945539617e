/**
 * Warms up a fresh analysis process. V8 runs new code slowly until it has seen it run:
 * the first analysis in a new worker is 3-5x slower than the same analysis later. An idle
 * worker analyses this small model file a few times, so the next file the user opens meets
 * compiled code (tools/bench/workerBench.ts measures the difference). The sample takes the
 * paths real model files take: classes with `__init__`/`forward`, helper methods and loops,
 * `nn.Sequential`, every conv variant, a squeeze-and-excitation gate, functional ops,
 * `torch.cat`, `view`, receptive fields and gridding (warned), keyword arguments to the
 * file's own classes, float arguments, and names the file never defines. A path the
 * sample misses costs extra: V8 throws the optimised code away when a big file first
 * takes it, and runs slowly until it has optimised again (`node --trace-deopt` shows where).
 */
import { loadParser } from '../frontends/treeSitter';
import { analyzeSource } from './analyzeSource';

const warmUpSource = `import torch
import torch.nn as nn
import torch.nn.functional as F

width = 16


class Block(nn.Module):
    """A residual block: the constructs model files use most."""
    expansion = 1

    def __init__(self, in_planes, planes, stride=1, dilation=1):
        super().__init__()
        mid = planes * self.expansion
        self.conv1 = nn.Conv2d(in_planes, mid, kernel_size=3, stride=stride, padding=dilation,
                               dilation=dilation, bias=False)
        self.bn1 = nn.BatchNorm2d(mid)
        self.conv2 = nn.Conv2d(mid, planes, 3, padding=1, groups=planes)
        self.point = nn.Conv2d(planes, planes, kernel_size=(1, 1))
        self.context = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(planes, planes, 1), nn.Sigmoid())
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Sequential(nn.Conv2d(in_planes, planes, 1, stride=stride, bias=False), nn.BatchNorm2d(planes))
        else:
            self.shortcut = None

    def forward(self, x):
        out = torch.sigmoid(self.bn1(self.conv1(x)))
        out = F.gelu(self.point(self.conv2(out)))
        out = out * self.context(out)
        identity = x if self.shortcut is None else self.shortcut(x)
        out += identity
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
        return self.head(torch.flatten(x, 1))


class Dilated(nn.Module):
    def __init__(self, channels, rate=2, drop=0.1):
        super().__init__()
        self.first = nn.Conv2d(channels, channels, 3, stride=2, padding=1, bias=False)
        self.second = nn.Conv2d(channels, channels, 3, padding=rate, dilation=rate, bias=False)
        self.third = nn.Conv2d(channels, channels, kernel_size=3, padding=rate, dilation=rate)
        self.norm = nn.BatchNorm2d(channels, eps=1e-3, momentum=0.01)
        self.drop = nn.Dropout2d(p=drop)
        self.extra = nn.Conv2d(EXTRA_CHANNELS, channels, 1)

    def forward(self, x):
        return self.drop(self.norm(self.third(self.second(self.first(x)))))


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
    d = Dilated(channels=8, rate=2)(torch.randn(1, 8, 32, 32))
`;

/**
 * Analyses the sample `sampleRuns` times, then once ten times over, yielding to the event
 * loop between runs; stops early as soon as `stop()` says real work is waiting. Returns
 * the runs done. Counted in runs, not time: V8 optimises after a number of executions, and
 * on a busy machine (VS Code opening a big file loads every core) a time budget bought a
 * fifth of the runs a quiet machine gets.
 */
export async function warmUpAnalysis(sampleRuns: number, stop: () => boolean = () => false): Promise<number> {
  // Fresh wasm memory is slow on first touch (the OS maps each page at its first write):
  // one parse of a text as big as a 3,000-line file, freed at once, leaves mapped memory
  // for the next big file to reuse (about 10 MB, which the worker keeps).
  const parser = await loadParser('python');
  if (stop()) return 0;
  parser.parse(warmUpSource.repeat(Math.ceil(128_000 / warmUpSource.length)))?.delete();
  let runs = 0;
  while (runs < sampleRuns && !stop()) {
    // Without statement reuse: the warm-up must not evict the editor's cached statements.
    await analyzeSource(warmUpSource, 'python', { reuseStatements: false });
    runs += 1;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (!stop()) {
    // Last, one bigger file: big files take paths and sizes (long statement lists, a grown
    // young generation) that the small sample never reaches.
    await analyzeSource(warmUpSource.repeat(10), 'python', { reuseStatements: false });
    runs += 1;
  }
  return runs;
}
