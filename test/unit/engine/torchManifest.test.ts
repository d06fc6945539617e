/**
 * The manifest of torch.nn layer classes (tools/golden/torch_manifest.py, read from real
 * PyTorch) against the engine's rule table.
 *
 * The catalogue is not complete yet, so this test does not demand a rule for every class.
 * Instead it pins the exact set of classes WITHOUT a rule to the "not yet" list below: adding
 * a rule makes the test fail until the class is taken off the list, and a new PyTorch version
 * whose manifest gains a class makes it fail until the class gets a rule or joins the list.
 * Either way the list stays the true, reviewed set of what is missing.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasTorchRule } from '../../../src/engine/torch/layers';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'torch', 'manifest.json'), 'utf8')) as { torch: string; classes: string[] };

/** torch.nn classes in the manifest that have no engine rule yet (keep sorted). */
const notYet: readonly string[] = [];

describe('torch.nn manifest vs the engine rule table', () => {
  it('lists the classes in scope of the recorded PyTorch version', () => {
    assert.ok(manifest.classes.length >= 100, `only ${manifest.classes.length} classes`);
    assert.ok(manifest.classes.includes('Conv2d') && manifest.classes.includes('LSTM'));
    assert.ok(!manifest.classes.includes('MSELoss') && !manifest.classes.includes('Sequential'), 'losses and containers are out of scope');
  });

  it(`has no rule for exactly the ${notYet.length} of ${manifest.classes.length} classes on the "not yet" list`, () => {
    const withoutRule = manifest.classes.filter((kind) => !hasTorchRule(kind));
    const ruledButListed = notYet.filter((kind) => hasTorchRule(kind));
    const missingFromList = withoutRule.filter((kind) => !notYet.includes(kind));
    assert.deepEqual(ruledButListed, [], 'these classes now have a rule: take them off the "not yet" list');
    assert.deepEqual(missingFromList, [], 'these manifest classes have no rule: add one, or add them to the "not yet" list');
    assert.deepEqual(
      notYet.filter((kind) => !manifest.classes.includes(kind)),
      [],
      'these "not yet" classes are not in the manifest',
    );
  });
});
