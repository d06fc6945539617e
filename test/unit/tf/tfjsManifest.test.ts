/**
 * The manifest of `tf.layers` factories (tools/golden/tfjs_manifest.mjs, read from the real
 * TensorFlow.js) against the front end's rule table.
 *
 * The catalogue is not complete yet, so this test does not demand a rule for every factory.
 * It pins the exact set of factories WITHOUT a rule to the "not yet" list below: adding a rule
 * makes the test fail until the factory is taken off the list, and a new TF.js version whose
 * manifest gains a factory makes it fail until the factory gets a rule or joins the list.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasTfjsRule, tfjsClassOfFactory, tfjsUnmodelledClass } from '../../../src/frontends/typescript/tfjsFactories';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'tfjs', 'manifest.json'), 'utf8')) as {
  tfjs: string;
  factories: Record<string, string>;
  excluded: Record<string, string>;
};
const factories = Object.keys(manifest.factories);

/** `tf.layers` factories in the manifest that have no rule yet (keep sorted): none in TF.js 4.22. */
const notYet: readonly string[] = [];

describe('tf.layers manifest vs the front end rule table', () => {
  it('lists the factories in scope of the recorded TF.js version, aliases included', () => {
    assert.ok(factories.length >= 70, `only ${factories.length} factories`);
    for (const alias of ['maxPool2d', 'maxPooling2d', 'globalMaxPool2d', 'avgPool2d']) assert.ok(factories.includes(alias), alias);
    assert.ok(!factories.includes('input') && 'input' in manifest.excluded, '`input` returns a tensor, not a layer');
  });

  it('maps every factory with a rule to the class TF.js creates', () => {
    const wrong = factories.filter((f) => hasTfjsRule(f) && tfjsClassOfFactory(f) !== manifest.factories[f]);
    assert.deepEqual(wrong, []);
  });

  it('shows the class TF.js creates for factories without a rule', () => {
    const wrong = factories.filter((f) => !hasTfjsRule(f) && tfjsUnmodelledClass(f) !== manifest.factories[f]);
    assert.deepEqual(wrong, []);
  });

  it(`has no rule for exactly the ${notYet.length} of ${factories.length} factories on the "not yet" list`, () => {
    const withoutRule = factories.filter((f) => !hasTfjsRule(f));
    assert.deepEqual(
      notYet.filter((f) => hasTfjsRule(f)),
      [],
      'these factories now have a rule: take them off the "not yet" list',
    );
    assert.deepEqual(
      withoutRule.filter((f) => !notYet.includes(f)),
      [],
      'these manifest factories have no rule: add one, or add them to the "not yet" list',
    );
    assert.deepEqual(
      notYet.filter((f) => !factories.includes(f)),
      [],
      'these "not yet" factories are not in the manifest',
    );
  });
});
