/** Test helper: binds keyword arguments with the defaults of signatures.ts, as a front end would. */
import type { ArgValue, BoundArgs } from '../../../src/engine/types';
import { torchSignature } from '../../../src/engine/torch/signatures';
import { applyTorchLayer, constructTorchLayer } from '../../../src/engine/torch/layers';
import type { ApplyResult, TorchLayer } from '../../../src/engine/torch/layerResults';

export function bindArgs(kind: string, kwargs: Readonly<Record<string, ArgValue>>): BoundArgs {
  const signature = torchSignature(kind);
  if (!signature) throw new Error(`no signature for ${kind}`);
  const bound: Record<string, ArgValue> = {};
  for (const param of signature.params) {
    if (param.name in kwargs) bound[param.name] = kwargs[param.name];
    else if ('default' in param) bound[param.name] = param.default as ArgValue;
    else throw new Error(`${kind}: missing ${param.name}`);
  }
  return bound;
}

/** Constructs a layer that must be valid. */
export function build(kind: string, kwargs: Readonly<Record<string, ArgValue>>): TorchLayer {
  const result = constructTorchLayer(kind, bindArgs(kind, kwargs));
  if (!result.layer) throw new Error(`${kind}: ${JSON.stringify(result.issues)}`);
  return result.layer;
}

/** Constructs and applies a layer. */
export function run(kind: string, kwargs: Readonly<Record<string, ArgValue>>, input: readonly number[]): ApplyResult {
  return applyTorchLayer(build(kind, kwargs), input);
}
