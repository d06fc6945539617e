/**
 * The editor's triage of findings, on a real analysis: a training script with argparse, data
 * loading, an import that is not found and a call nobody models inside the model.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { presentFindings } from '../../../src/analysis/findingTriage';
import { analyzeSource } from '../../../src/analysis/analyzeSource';
import { NodeSourceFiles } from '../../../src/pythonEnvironment/nodeSourceFiles';
import { analyzePythonSource, preloadPythonParser } from '../../support/analyze';
import { fixturesRoot } from '../../support/paths';

describe('finding triage', () => {
  before(preloadPythonParser);

  it('shows one note per root cause, hints inside the model, nothing on lines without layers', async () => {
    const filePath = path.join(fixturesRoot, 'triage', 'argparse_unresolved.py');
    // Imports are followed as the editor does; `unet_parts` is not next to the file.
    const analysis = await analyzeSource(readFileSync(filePath, 'utf8'), 'python', { imports: { filePath, files: new NodeSourceFiles(), pythonSearchPaths: [] } });
    const shown = presentFindings(analysis).map(({ finding, severity }) => `${finding.range.start.line + 1} ${severity} ${finding.code}`);
    assert.deepEqual(shown, [
      // The import that was not found: the model's root cause, in the Problems panel.
      '4 info unresolved-import',
      // What it gave, used in the model: a hint, its cause is above.
      '19 hint unsupported',
      '23 hint unsupported',
      // `mystery(x)`, a second cause of its own: the first note inside the model that no import explains.
      '24 info unsupported',
    ]);
  });

  it('promotes the first note inside a model with unknowns when nothing else explains them', async () => {
    const source = [
      'import torch',
      'import torch.nn as nn',
      'net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.Flatten())',
      'x = mystery(net(torch.randn(1, 3, 8, 8)))',
      'y = other(x)',
      'net2 = nn.Linear(x.shape[1], 4)',
      'net2(x)',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    const infos = presentFindings(analysis).filter(({ severity }) => severity === 'info');
    assert.ok(infos.length <= analysis.models.length, `at most one note per model, got ${JSON.stringify(infos.map(({ finding }) => finding.message))}`);
  });

  it('shows an error repeated word for word once in the Problems panel, the repeats as hints', async () => {
    // One bad channel count (a float literal; a division's float is one error at its first layer) passed to two convs: PyTorch's same message on both lines.
    const source = [
      'import torch',
      'import torch.nn as nn',
      'mid = 16.0',
      'net = nn.Sequential(nn.Conv2d(3, mid, 1), nn.ReLU(), nn.Conv2d(3, mid, 1))',
      'net(torch.randn(1, 3, 8, 8))',
    ].join('\n');
    const analysis = await analyzePythonSource(source);
    const errors = analysis.diagnostics.filter((finding) => finding.severity === 'error');
    assert.ok(errors.length >= 2 && new Set(errors.map((finding) => finding.message)).size < errors.length, JSON.stringify(errors.map((finding) => finding.message)));
    const shown = presentFindings(analysis).filter(({ finding }) => finding.severity === 'error');
    assert.deepEqual(
      shown.map(({ severity }) => severity),
      errors.map((finding, index) => (errors.findIndex((other) => other.message === finding.message) === index ? 'error' : 'hint')),
    );
  });

  it('keeps errors and warnings as they are', async () => {
    const source = ['import torch', 'import torch.nn as nn', 'net = nn.Conv2d(3, 8, 3, groups=2)', 'net(torch.randn(1, 3, 8, 8))'].join('\n');
    const analysis = await analyzePythonSource(source);
    const errors = presentFindings(analysis).filter(({ severity }) => severity === 'error');
    assert.equal(errors.length, analysis.diagnostics.filter((finding) => finding.severity === 'error').length);
    assert.ok(errors.length > 0);
  });
});
