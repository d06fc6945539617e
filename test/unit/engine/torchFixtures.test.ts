/**
 * The engine against every case recorded from real PyTorch by tools/golden/torch_cases.py:
 * valid configurations (output shape, parameter tensors and counts) and invalid ones (the
 * stage that raises and PyTorch's exact message).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BoundArgs, ParamTensor } from '../../../src/engine/types';
import { applyTorchLayer, constructTorchLayer, countParams } from '../../../src/engine/torch/layers';

const fixtureDir = join(__dirname, '..', '..', 'fixtures', 'torch');

interface ValidCase {
  readonly kind: string;
  readonly kwargs: BoundArgs;
  readonly input: number[];
  readonly output: number[];
  readonly params: ParamTensor[];
}

interface ErrorCase {
  readonly kind: string;
  readonly kwargs: BoundArgs;
  readonly input: number[] | null;
  readonly stage: 'construct' | 'apply';
  readonly message: string;
  readonly source: string;
}

function load<T>(name: string): { torch: string; cases: T[] } {
  return JSON.parse(readFileSync(join(fixtureDir, name), 'utf8')) as { torch: string; cases: T[] };
}

/**
 * PyTorch prints some choices as a Python set, whose order changes from one process to the
 * next (string hashing); compare those braces as sets.
 */
function normaliseSets(message: string): string {
  return message.replace(/\{([^{}]*)\}/g, (_all, inner: string) => `{${inner.split(', ').sort().join(', ')}}`);
}

const describeCase = (c: { kind: string; kwargs: BoundArgs; input: number[] | null }): string => `${c.kind}(${JSON.stringify(c.kwargs)}) on ${JSON.stringify(c.input)}`;

describe('PyTorch engine vs real PyTorch fixtures', () => {
  it('matches every valid case: output shape and parameters', () => {
    const { cases } = load<ValidCase>('layer_cases.json');
    assert.ok(cases.length >= 1000, `only ${cases.length} cases`);
    const mismatches: string[] = [];
    for (const c of cases) {
      const built = constructTorchLayer(c.kind, c.kwargs);
      const errors = built.issues.filter((issue) => issue.severity === 'error');
      if (!built.layer || errors.length > 0) {
        mismatches.push(`${describeCase(c)}: construct failed ${JSON.stringify(built.issues)}`);
        continue;
      }
      const result = applyTorchLayer(built.layer, c.input);
      const applyErrors = result.issues.filter((issue) => issue.severity === 'error');
      if (applyErrors.length > 0 || JSON.stringify(result.output) !== JSON.stringify(c.output)) {
        mismatches.push(`${describeCase(c)}: got ${JSON.stringify(result.output)} ${JSON.stringify(applyErrors)}, torch ${JSON.stringify(c.output)}`);
      }
      const ours = built.layer.params.map((t) => ({ name: t.name, shape: [...t.shape], trainable: t.trainable }));
      if (JSON.stringify(ours) !== JSON.stringify(c.params)) {
        mismatches.push(`${describeCase(c)}: params ${JSON.stringify(ours)}, torch ${JSON.stringify(c.params)}`);
      }
      const expectedTotal = c.params.reduce((sum, t) => sum + t.shape.reduce((p, s) => p * s, 1), 0);
      const counted = countParams(built.layer);
      if (counted.total.value !== expectedTotal || !counted.total.exact) {
        mismatches.push(`${describeCase(c)}: ${counted.total.value} params, torch ${expectedTotal}`);
      }
    }
    assert.deepEqual(mismatches.slice(0, 15), [], `${mismatches.length} of ${cases.length} valid cases differ`);
  });

  it("raises every invalid case at the same stage with PyTorch's exact message", () => {
    const { cases } = load<ErrorCase>('error_cases.json');
    assert.ok(
      cases.some((c) => c.source === 'mission'),
      'the hand-picked reference cases are missing',
    );
    const mismatches: string[] = [];
    for (const c of cases) {
      const built = constructTorchLayer(c.kind, c.kwargs);
      let messages: string[];
      if (c.stage === 'construct') {
        if (built.layer !== null) mismatches.push(`${describeCase(c)}: constructed, torch raised at construct`);
        messages = built.issues.map((issue) => issue.message);
      } else {
        if (!built.layer) {
          mismatches.push(`${describeCase(c)}: construct failed ${JSON.stringify(built.issues)}`);
          continue;
        }
        const result = applyTorchLayer(built.layer, c.input ?? []);
        messages = result.issues.map((issue) => issue.message);
      }
      if (!messages.map(normaliseSets).includes(normaliseSets(c.message))) {
        mismatches.push(`${describeCase(c)}:\n  ours  ${JSON.stringify(messages)}\n  torch ${JSON.stringify(c.message)}`);
      }
    }
    assert.deepEqual(mismatches.slice(0, 15), [], `${mismatches.length} of ${cases.length} error cases differ`);
  });
});
