/**
 * The TF.js layer catalogue against real TensorFlow.js, as tools/golden/tfjs_catalogue_cases.mjs
 * recorded it: for every `tf.layers` factory with a rule (aliases included), seeded random
 * valid configurations (output shapes, weights with their trainable flags, countParams()) and
 * invalid ones with TF.js's exact error text at the stage that raises.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgValue, EngineIssue } from '../../../src/engine/types';
import type { TfLayer } from '../../../src/engine/tf/layers';
import { applyTfLayer, constructTfLayer, countTfParams } from '../../../src/engine/tf/layers';
import { snakeCaseKey } from '../../../src/engine/tf/signatures';
import { hasTfjsRule, tfjsClassOfFactory } from '../../../src/frontends/typescript/tfjsFactories';
import { declaredShape } from '../../../src/frontends/typescript/tfjsArgs';
import { engineArgs } from './nestedLayerArgs';

type Dim = number | null;
interface Recorded {
  readonly factory: string;
  readonly config: Record<string, ArgValue>;
  /** Input shapes without the batch; `[null]` for `inputLayer`, which is not called. */
  readonly inputs: (number[] | null)[];
  /** What TF.js's computeOutputShape reports, when it differs from what running computes. */
  readonly reportedOutputs?: Dim[][];
  /** A cell's case runs it inside `tf.layers.rnn` with this config (TF.js cannot apply a cell alone). */
  readonly wrap?: Record<string, ArgValue>;
}
interface ValidCase extends Recorded {
  /** Output shapes of a real run, batch as null. */
  readonly outputs: Dim[][];
  readonly params: { name: string; shape: number[]; trainable: boolean }[];
  readonly countParams?: number;
}
interface ErrorCase extends Recorded {
  readonly stage: 'construct' | 'apply' | 'run';
  readonly message: string;
  /** A random draw TF.js refused, rather than a hand-written invalid configuration. */
  readonly random?: boolean;
}

const fixture = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'tfjs', 'catalogue_cases.json'), 'utf8')) as {
  tfjs: string;
  valid: ValidCase[];
  errors: ErrorCase[];
};
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'tfjs', 'manifest.json'), 'utf8')) as { factories: Record<string, string> };

/** Factories TF.js refuses in fewer than three ways (it accepts any rank and config), with exactly how many cases the fixture has. */
const fewErrors: Readonly<Record<string, number>> = {
  alphaDropout: 0,
  dropout: 0,
  elu: 0,
  gaussianDropout: 0,
  gaussianNoise: 0,
  inputLayer: 2,
  leakyReLU: 0,
  masking: 0,
  prelu: 0,
  centerCrop: 0,
  rescaling: 1,
  resizing: 2,
  reLU: 0,
  thresholdedReLU: 0,
};

/** Factories TF.js cannot apply in any configuration (so no valid case), with why. */
const noValid: Readonly<Record<string, string>> = {
  convLstm2dCell: 'alone it wants exactly one input shape, then its states; inside rnn, rnn wants rank-3 input',
};

function build(c: Recorded): { layer: TfLayer | null; issues: EngineIssue[] } {
  const kind = tfjsClassOfFactory(c.factory) ?? c.factory;
  const args = engineArgs(c.config, snakeCaseKey);
  if (!c.wrap) return constructTfLayer(kind, args, { dialect: 'tfjs', autoName: 'layer' });
  return constructTfLayer('RNN', { ...engineArgs(c.wrap, snakeCaseKey), cell: { layerClass: kind, layerArgs: args } }, { dialect: 'tfjs', autoName: 'layer' });
}

/** Runs a recorded case through the engine: the output shapes (batch null) and every issue. */
function run(c: Recorded): { layer: TfLayer | null; outputs: Dim[][] | null; issues: EngineIssue[] } {
  const { layer, issues } = build(c);
  if (!layer) return { layer, outputs: null, issues };
  if (c.inputs[0] === null) {
    const declared = declaredShape(layer.args, 'batch_input_shape', 'input_shape');
    return { layer, outputs: declared ? [[null, ...declared.slice(1)]] : null, issues };
  }
  const inputs = c.inputs.map((s) => [1, ...(s ?? [])]);
  const result = applyTfLayer(layer, inputs.length === 1 ? inputs[0] : inputs);
  const shapes = result.outputs ?? (result.output ? [result.output] : null);
  return { layer, outputs: shapes?.map((shape) => [null, ...shape.slice(1)]) ?? null, issues: [...issues, ...result.issues] };
}

describe(`TF.js layer catalogue vs real TensorFlow.js ${fixture.tfjs}`, () => {
  it('covers every factory with a rule: 20+ valid configurations and 3 hand-written invalid ones (fewer only where TF.js refuses less)', () => {
    const short = Object.keys(manifest.factories)
      .filter(hasTfjsRule)
      .filter((f) => {
        const valid = fixture.valid.filter((c) => c.factory === f).length;
        const errors = fixture.errors.filter((c) => c.factory === f && !c.random).length;
        return (f in noValid ? valid !== 0 : valid < 20) || (f in fewErrors ? errors !== fewErrors[f] : errors < 3);
      });
    assert.deepEqual(short, []);
  });

  it('follows what TF.js computes where its reported shape differs (reshape with -1, resizing, causal conv1d)', () => {
    const reshape = fixture.valid.filter((c) => c.reportedOutputs && c.factory === 'reshape');
    assert.ok(reshape.length >= 3, 'reshape with -1 reports an unknown size it then computes');
    for (const c of reshape) assert.deepEqual(run(c).outputs, c.outputs);
    const resizing = fixture.valid.filter((c) => c.reportedOutputs && c.factory === 'resizing');
    assert.ok(resizing.length >= 3, 'Resizing reports [height, width, input width] and computes [batch, height, width, channels]');
    for (const c of resizing) assert.deepEqual(run(c).outputs, c.outputs);
    const causal = fixture.errors.filter((c) => c.factory === 'conv1d' && c.config.padding === 'causal');
    assert.ok(causal.length >= 1 && causal.every((c) => c.stage === 'run' && c.reportedOutputs !== undefined), 'causal conv1d reports a shape, then fails to run');
    for (const c of causal) assert.ok(run(c).issues.some((i) => i.severity === 'error' && i.message === c.message));
  });

  for (const c of fixture.valid) {
    it(`${c.factory} ${JSON.stringify(c.config)} on ${JSON.stringify(c.inputs)}`, () => {
      const { layer, outputs, issues } = run(c);
      assert.deepEqual(
        issues.filter((i) => i.severity === 'error'),
        [],
        'TF.js ran this configuration',
      );
      assert.deepEqual(outputs, c.outputs, 'output shapes');
      const tensors = layer?.built?.paramTensors ?? [];
      assert.deepEqual(
        tensors.map((t) => ({ shape: t.shape, trainable: t.trainable })),
        c.params.map((p) => ({ shape: p.shape, trainable: p.trainable })),
        'weights',
      );
      if (layer?.built) assert.equal(countTfParams(layer).total.value, c.countParams, 'countParams()');
    });
  }

  for (const c of fixture.errors) {
    it(`${c.factory} ${JSON.stringify(c.config)} on ${JSON.stringify(c.inputs)} fails at ${c.stage}`, () => {
      // TF.js names layers with a process-wide counter; the engine was given the name 'layer'.
      const expected = c.message.replace(/with layer \S+?:/, 'with layer layer:');
      const messages = run(c)
        .issues.filter((i) => i.severity === 'error')
        .map((i) => i.message);
      assert.ok(messages.includes(expected), `${JSON.stringify(messages)} vs TF.js "${expected}"`);
    });
  }
});
