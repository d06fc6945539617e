/**
 * The analysis warm-up (analysis/warmUp.ts): it does real analyses, gives way as soon as
 * it is told work is waiting, and leaves later analyses unchanged.
 */
import { strict as assert } from 'node:assert';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import { warmUpAnalysis } from '../../../src/analysis/warmUp';

const model = 'import torch\nfrom torch import nn\nnet = nn.Sequential(nn.Conv2d(3, 8, 3, dilation=2), nn.Conv2d(8, 8, 3, dilation=2))\ny = net(torch.randn(1, 3, 32, 32))\n';

describe('analysis warm-up', function () {
  this.timeout(60_000);

  it('stops before its first run when work is already waiting', async () => {
    assert.equal(await warmUpAnalysis(100, () => true), 0);
  });

  it('gives way between runs as soon as stop() says so', async () => {
    let checks = 0;
    const runs = await warmUpAnalysis(100, () => ++checks > 3);
    // Checked before the parse, then before each run: two runs happened, then it stopped.
    assert.equal(runs, 2);
  });

  it('runs the sample as often as asked, then the big copy once, and leaves the next analysis as it would be', async () => {
    const before = await analyzeSource(model, 'python');
    assert.equal(await warmUpAnalysis(3), 4);
    assert.deepEqual(await analyzeSource(model, 'python'), before);
    assert.deepEqual(
      before.models[0]?.layers.map((layer) => layer.output),
      [
        [1, 8, 28, 28],
        [1, 8, 24, 24],
      ],
    );
  });
});
