/**
 * Real public PyTorch projects (test/fixtures/pytorch/real) against real PyTorch and
 * torchvision: each recorded file, analysed as the CLI analyses it (its imports followed into
 * its repository and the system's dist-packages), must give every layer call PyTorch made
 * (line, kind, output shape, params, in execution order), every model's input, output and
 * total parameters, and no error diagnostic (on a file PyTorch rejects: its error, on its line). Truth: tools/golden/real_pytorch_truth.py.
 */
import * as assert from 'node:assert/strict';
import { describeOutcome, analyzeRealFile, compareRealFile, fileMatches, realEntries } from '../../support/realCorpus';

const entries = realEntries('pytorch');

describe('real PyTorch projects vs real PyTorch and torchvision', function () {
  this.timeout(120000);

  it('has at least 40 recorded files, torchvision builders, pytorch/examples, a multi-file model and CIFAR repositories', () => {
    assert.ok(entries.length >= 40, `${entries.length} files`);
    const repos = new Set(entries.map((e) => e.repo));
    for (const repo of ['user__torchvision', 'pytorch__examples', 'milesial__Pytorch-UNet', 'kuangliu__pytorch-cifar', 'chenyaofo__pytorch-cifar-models']) {
      assert.ok(repos.has(repo), `no file from ${repo}`);
    }
    assert.ok(entries.filter((e) => e.truth.error === null && e.truth.models.length > 0).length >= 40);
  });

  for (const entry of entries) {
    it(`${entry.file}: every layer, every model total, no false error (or PyTorch's error)`, async () => {
      const outcome = compareRealFile(entry, await analyzeRealFile(entry));
      assert.ok(fileMatches(outcome), describeOutcome(outcome));
    });
  }
});
