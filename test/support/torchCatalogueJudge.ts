/**
 * The PyTorch engine on one case recorded by tools/golden/torch_catalogue_cases.py: every
 * output of the returned tuple, the parameter tensors and counts with their trainable flag,
 * exact MACs, and for an invalid case the exact message at the stage that raises. Used by
 * test/unit/engine/torchCatalogue.test.ts and the unseen-catalogue benchmark.
 */
import type { BoundArgs, ParamTensor } from '../../src/engine/types';
import type { OutputShapes } from '../../src/engine/torch/layerResults';
import { applyTorchLayer, constructTorchLayer, countParams } from '../../src/engine/torch/layers';
import type { Verdict } from './catalogueVerdict';
import { compareMessages, compareShapes, VerdictBuilder } from './catalogueVerdict';

export interface TorchCatalogueCase {
  readonly kind: string;
  readonly kwargs: BoundArgs;
  readonly input: number[];
  /** The call's further tensor arguments (attention's key and value). */
  readonly others: number[][];
  /** One shape, or PyTorch's returned tuple of shapes (nested as it nests them). */
  readonly outputs: OutputShapes[] | number[];
  readonly params: ParamTensor[];
}

export interface TorchCatalogueError {
  readonly kind: string;
  readonly kwargs: BoundArgs;
  readonly input: number[];
  readonly others: number[][];
  readonly stage: 'construct' | 'apply';
  readonly message: string;
}

export interface TorchCatalogueFixture {
  readonly valid: TorchCatalogueCase[];
  readonly errors: TorchCatalogueError[];
  /** Classes PyTorch refuses in fewer than three ways, with how many (the generator probes each claim). */
  readonly fewErrors: Record<string, number>;
}

export const describeTorchCase = (c: { kind: string; kwargs: BoundArgs; input: number[] }): string => `${c.kind}(${JSON.stringify(c.kwargs)}) on ${JSON.stringify(c.input)}`;

const size = (t: ParamTensor): number => t.shape.reduce((p, s) => p * s, 1);

/** A valid case: PyTorch built and ran it. */
export function judgeTorchValid(c: TorchCatalogueCase): Verdict {
  const verdict = new VerdictBuilder();
  const name = describeTorchCase(c);
  const built = constructTorchLayer(c.kind, c.kwargs);
  if (!built.layer || built.issues.length > 0) {
    const refused = built.issues.some((issue) => issue.severity === 'error');
    verdict.add(refused ? 'wrong' : 'unknown', `${name}: construct ${JSON.stringify(built.issues)}`);
    return verdict.verdict();
  }
  const result = applyTorchLayer(built.layer, c.input, c.others);
  const ours = result.outputs ?? result.output;
  const shapes = compareShapes(ours as readonly number[] | null, c.outputs as readonly number[]);
  if (shapes !== 'match' || result.issues.length > 0) {
    const refused = result.issues.some((issue) => issue.severity === 'error');
    verdict.add(
      refused ? 'wrong' : shapes === 'match' ? 'unknown' : shapes,
      `${name}: got ${JSON.stringify(ours)} ${JSON.stringify(result.issues)}, torch ${JSON.stringify(c.outputs)}`,
    );
  }
  if (result.outputs && JSON.stringify(result.output) !== JSON.stringify(result.outputs[0])) verdict.wrong(`${name}: output is not the first output`);
  if (!result.macs.exact || result.macs.unknown === true) verdict.unknown(`${name}: MACs not exact`);
  // A Lazy* layer's parameters exist from its first call on: the call's result carries them.
  if (c.kind.startsWith('Lazy') && built.layer.paramsUnknown !== true) verdict.wrong(`${name}: parameters known before the first call`);
  const layer = result.materialized ?? built.layer;
  const tensors = layer.params.map((t) => ({ name: t.name, shape: [...t.shape], trainable: t.trainable }));
  if (JSON.stringify(tensors) !== JSON.stringify(c.params)) {
    verdict.add(layer.paramsUnknown ? 'unknown' : 'wrong', `${name}: params ${JSON.stringify(tensors)}, torch ${JSON.stringify(c.params)}`);
  }
  const counted = countParams(layer);
  const total = c.params.reduce((sum, t) => sum + size(t), 0);
  const trainable = c.params.filter((t) => t.trainable).reduce((sum, t) => sum + size(t), 0);
  if (counted.total.value !== total || counted.trainable.value !== trainable || !counted.total.exact) {
    const vague = counted.total.unknown === true || !counted.total.exact;
    verdict.add(vague ? 'unknown' : 'wrong', `${name}: ${counted.total.value}/${counted.trainable.value} params, torch ${total}/${trainable}`);
  }
  return verdict.verdict();
}

/** An invalid case: PyTorch raised `message` at `stage`. */
export function judgeTorchError(c: TorchCatalogueError): Verdict {
  const verdict = new VerdictBuilder();
  const name = describeTorchCase(c);
  const built = constructTorchLayer(c.kind, c.kwargs);
  let messages = built.issues.map((issue) => issue.message);
  let errors = built.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message);
  let gaveOutput = false;
  if (c.stage === 'construct' && built.layer !== null) {
    gaveOutput = errors.length === 0 && applyTorchLayer(built.layer, c.input, c.others).output !== null;
    verdict.add(gaveOutput ? 'wrong' : 'unknown', `${name}: constructed, torch raised at construct`);
  }
  if (c.stage === 'apply') {
    if (!built.layer) {
      verdict.add(errors.length > 0 ? 'wrong' : 'unknown', `${name}: construct failed ${JSON.stringify(built.issues)}`);
      return verdict.verdict();
    }
    const result = applyTorchLayer(built.layer, c.input, c.others);
    messages = errors = result.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message);
    gaveOutput = result.output !== null;
    if (gaveOutput) verdict.wrong(`${name}: gave an output, torch raised`);
  }
  if (!messages.includes(c.message))
    verdict.add(compareMessages(errors, c.message, gaveOutput), `${name}:\n  ours  ${JSON.stringify(messages)}\n  torch ${JSON.stringify(c.message)}`);
  return verdict.verdict();
}
