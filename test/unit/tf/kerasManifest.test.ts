/**
 * The manifest of keras.layers classes (tools/golden/keras_manifest.py, read from real Keras 3)
 * against the engine's Keras rules.
 *
 * The catalogue is not complete yet, so this test does not demand a rule for every class.
 * It pins the exact set of classes WITHOUT a rule to the "not yet" list below: adding a rule
 * makes the test fail until the class is taken off the list, and a new Keras version whose
 * manifest gains a class makes it fail until the class gets a rule or joins the list.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasKerasRule } from '../../../src/engine/tf/layers';
import { canonicalTfKind } from '../../../src/engine/tf/signatures';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'keras', 'manifest.json'), 'utf8')) as {
  keras: string;
  classes: string[];
  aliases: Record<string, string>;
  excluded: Record<string, string>;
};

/** keras.layers classes in the manifest that have no engine rule yet (keep sorted). */
const notYet: readonly string[] = [];

describe('keras.layers manifest vs the engine rule table', () => {
  it('lists the classes in scope of the recorded Keras version, and why the others are left out', () => {
    assert.ok(manifest.classes.length >= 120, `only ${manifest.classes.length} classes`);
    assert.ok(manifest.classes.includes('Conv2D') && manifest.classes.includes('LSTM'));
    assert.ok(manifest.excluded.StringLookup.startsWith('needs TensorFlow'), 'StringLookup needs TensorFlow');
    assert.ok(!manifest.classes.includes('Layer') && !manifest.classes.includes('TextVectorization'));
  });

  it(`has no rule for exactly the ${notYet.length} of ${manifest.classes.length} classes on the "not yet" list`, () => {
    const withoutRule = manifest.classes.filter((kind) => !hasKerasRule(kind));
    assert.deepEqual(
      notYet.filter((kind) => hasKerasRule(kind)),
      [],
      'these classes now have a rule: take them off the "not yet" list',
    );
    assert.deepEqual(
      withoutRule.filter((kind) => !notYet.includes(kind)),
      [],
      'these manifest classes have no rule: add one, or add them to the "not yet" list',
    );
    assert.deepEqual(
      notYet.filter((kind) => !manifest.classes.includes(kind)),
      [],
      'these "not yet" classes are not in the manifest',
    );
  });

  it("resolves each of Keras's aliases to its class, for every class with a rule", () => {
    const wrong = Object.entries(manifest.aliases).filter(([alias, kind]) => hasKerasRule(kind) && canonicalTfKind(alias) !== canonicalTfKind(kind));
    assert.deepEqual(wrong, []);
  });
});
