/**
 * Diagnostics of the Python front end: PyTorch's own messages (recorded from real PyTorch
 * by tools/golden/frontend_call_errors.py into truth/callErrors.json) on the right line,
 * constructor checks on code no model reaches, syntax errors that do not hide readable
 * layers, unknown constructs as `info`, and the gridding warning.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileAnalysis } from '../../../src/engine/report';
import { analyzePythonSource } from '../../support/analyze';
import { recordMacs, recordParams } from '../../../src/engine/modelTotals';

function messagesOn(analysis: FileAnalysis, line: number, severity = 'error'): string[] {
  return analysis.diagnostics.filter((finding) => finding.severity === severity && finding.range.start.line + 1 === line).map((finding) => finding.message);
}

interface CallError {
  code: string;
  /** null when PyTorch accepts the call. */
  message: string | null;
}
const callErrors = (JSON.parse(readFileSync(join(__dirname, 'truth', 'callErrors.json'), 'utf8')) as { cases: CallError[] }).cases;

describe('Python front end: diagnostics', () => {
  describe("PyTorch's own messages, recorded from PyTorch", () => {
    for (const { code, message } of callErrors) {
      it(code, async () => {
        const analysis = await analyzePythonSource(`import torch\nimport torch.nn as nn\nvalue = ${code}\n`);
        // A float size made by `a / b` gets a line of ours after PyTorch's words: where the float came from.
        const division = /\d+ \/ \d+/.exec(code)?.[0];
        const note = division ? `\n\`${division}\` (line 3) is true division, which gives a float in Python 3 even when it divides evenly: use \`//\` for a whole number.` : '';
        assert.deepEqual(messagesOn(analysis, 3), message === null ? [] : [message + note]);
      });
    }
  });

  it('a float size from a true division is one error, at the first layer PyTorch builds with it, naming the division', async () => {
    const floatChannels = callErrors.find(({ code }) => code === 'nn.Conv2d(24, 200 / 4, 1)')?.message;
    assert.ok(floatChannels);
    // As in ShuffleNet: `mid = planes / 4` feeds a conv, a norm and two more convs, in two blocks. PyTorch stops at the first conv.
    const source = [
      'import torch.nn as nn',
      'import torch',
      'class Block(nn.Module):',
      '    def __init__(self, planes):',
      '        super().__init__()',
      '        mid = planes / 4',
      '        self.conv1 = nn.Conv2d(24, mid, 1)',
      '        self.bn1 = nn.BatchNorm2d(mid)',
      '        self.conv2 = nn.Conv2d(mid, mid, 3, groups=mid)',
      '        self.conv3 = nn.Conv2d(mid * 2, planes, 1)',
      '',
      '    def forward(self, x):',
      '        return self.conv3(self.conv2(self.bn1(self.conv1(x))))',
      '',
      'net = nn.Sequential(Block(200), Block(400))',
      'out = net(torch.randn(1, 24, 8, 8))',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    const errors = analysis.diagnostics.filter((finding) => finding.severity === 'error');
    assert.deepEqual(
      errors.map((finding) => [finding.range.start.line + 1, finding.message]),
      [[7, `${floatChannels}\n\`planes / 4\` (line 6) is true division, which gives a float in Python 3 even when it divides evenly: use \`//\` for a whole number.`]],
    );
    // The layers the float reaches are unknown, not zero.
    const [model] = analysis.models;
    assert.ok(model.layers.length > 0);
    assert.deepEqual(
      model.layers.map((record) => [record.path, recordParams(record), recordMacs(record)]),
      model.layers.map((record) => [record.path, null, null]),
    );
  });

  it('a float size that is no division is still an error at each layer', async () => {
    const analysis = await analyzePythonSource('import torch.nn as nn\n\na = nn.Conv2d(24, 50.0, 1)\nb = nn.Conv2d(24, 50.0, 1)\n');
    assert.deepEqual(
      analysis.diagnostics.filter((finding) => finding.severity === 'error').map((finding) => finding.range.start.line + 1),
      [3, 4],
    );
  });

  it('a constructor in a function nobody calls is still checked, on the offending argument', async () => {
    const analysis = await analyzePythonSource(
      'import torch.nn as nn\n\ndef make(c):\n    return nn.Sequential(\n        nn.Conv2d(c, 8, 3),\n        nn.Conv2d(6, 8, 3, groups=4),\n    )\n',
    );
    const finding = analysis.diagnostics.find((candidate) => candidate.severity === 'error');
    assert.ok(finding);
    assert.equal(finding.message, 'in_channels must be divisible by groups');
    assert.equal(finding.range.start.line, 5);
    assert.equal(analysis.diagnostics.filter((candidate) => candidate.severity === 'error').length, 1, 'the unknown `c` is no error');
  });

  it('a syntax error elsewhere does not hide the layers that can be read', async () => {
    const analysis = await analyzePythonSource('import torch.nn as nn\n\nnet = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU())\n\ndef broken(:\n    pass\n');
    assert.deepEqual(
      analysis.models.map((model) => model.name),
      ['net'],
    );
    assert.deepEqual(
      analysis.models[0].layers.map((layer) => layer.kind),
      ['Conv2d', 'ReLU'],
    );
    assert.ok(analysis.diagnostics.some((finding) => finding.code === 'syntax' && finding.severity === 'error' && finding.range.start.line === 4));
  });

  it('an unclosed bracket mid-file (typing) does not swallow the statements after it', async () => {
    const source = `import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, x):
        x = self.conv(x
        return x

stem = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU())
if __name__ == '__main__':
    stem(torch.randn(1, 3, 8, 8))
`;
    const analysis = await analyzePythonSource(source);
    assert.ok(
      analysis.diagnostics.some((finding) => finding.code === 'syntax' && finding.range.start.line === 9),
      JSON.stringify(analysis.diagnostics),
    );
    const stem = analysis.models.find((model) => model.name === 'stem');
    assert.ok(stem, `models: ${analysis.models.map((model) => model.name).join(', ')}`);
    assert.equal(stem.range.start.line, 12);
    assert.deepEqual(stem.output, [1, 4, 6, 6]);
    assert.deepEqual(
      stem.layers.map((layer) => layer.range.start.line),
      [12, 12],
    );
  });

  it('an unknown call is an info naming it; what does not depend on it is still reported', async () => {
    const analysis = await analyzePythonSource(
      'import torch\nimport torch.nn as nn\nimport torchvision\n\nbackbone = torchvision.models.resnet18()\nhead = nn.Sequential(nn.Linear(512, 10))\nout = head(torch.randn(2, 512))\n',
    );
    const info = analysis.diagnostics.find((finding) => finding.severity === 'info' && finding.range.start.line === 4);
    assert.ok(info, JSON.stringify(analysis.diagnostics));
    assert.match(info.message, /torchvision\.models\.resnet18/);
    assert.deepEqual(analysis.models.find((model) => model.name === 'head')?.output, [2, 10]);
  });

  it('the gridding warning lands on the first layer of the stack that grids; hybrid rates (1, 2, 3) give none', async () => {
    const source = readFileSync(join(__dirname, 'snippets', 'dilated.py'), 'utf8');
    const analysis = await analyzePythonSource(source);
    const gridding = analysis.diagnostics.filter((finding) => finding.code === 'gridding');
    const lines = gridding.map((finding) => finding.range.start.line + 1);
    // One dilated conv alone is a sparse kernel, not gridding: the warning belongs to the second conv of (2, 2, 2).
    const gridLine = source.split('\n').findIndex((line, index, all) => index > all.findIndex((text) => text.startsWith('gridding = ')) + 1 && /Conv2d/.test(line)) + 1;
    const hybridStart = source.split('\n').findIndex((line) => line.startsWith('hybrid = ')) + 1;
    assert.ok(lines.includes(gridLine), `warnings on ${lines.join(', ')}`);
    assert.ok(
      lines.every((line) => line < hybridStart || line > hybridStart + 4),
      `no warning in hybrid: ${lines.join(', ')}`,
    );
    assert.match(gridding.find((finding) => finding.range.start.line + 1 === gridLine)!.message, /dilation rates so far \(2, 2\)/);
  });

  it('a runaway loop stops at the budget with an info, and the rest of the file still counts', async () => {
    const source = 'import torch.nn as nn\n\nn = 0\nwhile True:\n    n += 1\n\nnet = nn.Sequential(nn.Conv2d(3, 8, 3))\n';
    const analysis = await analyzePythonSource(source, { stepBudget: 5000 });
    assert.ok(analysis.diagnostics.some((finding) => finding.code === 'budget' && finding.range.start.line === 3));
    assert.deepEqual(
      analysis.models.map((model) => model.name),
      ['net'],
    );
  });
});
