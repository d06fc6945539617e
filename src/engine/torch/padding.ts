/**
 * The padding layers: ConstantPad{1,2,3}d, ZeroPad2d, ReflectionPad{1,2,3}d and
 * ReplicationPad{1,2,3}d, all `F.pad` with a mode. The padding is a flat list of
 * (before, after) pairs, the first pair for the last dimension (an int is repeated for
 * every pair of the layer's rank; a tuple passes as given, so ConstantPad2d((1, 2)) pads
 * only the last dimension). Negative padding crops; where PyTorch's result or error text
 * for it is not followed exactly, the output is left unknown.
 */
import type { AxisStep, BoundArgs, Shape } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { ZERO_COUNT } from '../exactCount';
import { intTuple, torchError, torchShapeText, torchSpatialRank } from './args';

/** Every kind this file models. */
export const paddingKinds: readonly string[] = ['ZeroPad2d', ...['Constant', 'Reflection', 'Replication'].flatMap((mode) => [1, 2, 3].map((n) => `${mode}Pad${n}d`))];

/** The constructors store the padding without checks. */
export function constructPadding(kind: string, args: BoundArgs): ConstructResult {
  return { layer: { kind, args, params: [] }, issues: [] };
}

const fail = (code: string, message: string): ApplyResult => failedApply([torchError(code, message, 'padding')]);

/** The flat padding list: an int repeated 2n times, a tuple as given; null when unknown. */
function padList(layer: TorchLayer): number[] | null {
  const value = layer.args.padding;
  if (Array.isArray(value)) return intTuple(value, value.length);
  return intTuple(value, 2 * torchSpatialRank(layer.kind));
}

/** Receptive-field steps when the pairs cover exactly the spatial axes of a batched input. */
function padSteps(pads: readonly number[], input: Shape): AxisStep[] | null {
  const axes = pads.length / 2;
  if (axes !== input.length - 2) return null;
  const steps: AxisStep[] = [];
  for (let axis = axes - 1; axis >= 0; axis -= 1) steps.push({ kernel: 1, dilation: 1, stride: 1, padding: pads[2 * axis] });
  return steps;
}

/** The padded shape: pair i widens dimension rank-1-i by its before and after amounts. */
function padded(pads: readonly number[], input: Shape): Shape {
  const output = [...input];
  for (let pair = 0; pair < pads.length / 2; pair += 1) output[input.length - 1 - pair] += pads[2 * pair] + pads[2 * pair + 1];
  return output;
}

/** `F.pad`: ATen's checks on the padding's length, then the mode's own rules. */
export function applyPadding(layer: TorchLayer, input: Shape): ApplyResult {
  const pads = padList(layer);
  if (!pads) return UNKNOWN_APPLY;
  if (pads.length % 2 !== 0) return fail('torch.pad-length', 'Padding length must be divisible by 2');
  if (pads.length > 2 * input.length) return fail('torch.pad-length', 'Padding length too large');
  const ok = (output: Shape): ApplyResult => ({ output, macs: ZERO_COUNT, steps: padSteps(pads, input), issues: [] });
  if (/^(Constant|Zero)Pad/.test(layer.kind)) {
    // Negative padding narrows first (before, then after); a narrowing past the start fails with ATen's slicing texts.
    for (let pair = 0; pair < pads.length / 2; pair += 1) {
      const size = input[input.length - 1 - pair];
      if (size + Math.min(pads[2 * pair], 0) < 0 || size + Math.min(pads[2 * pair], 0) + Math.min(pads[2 * pair + 1], 0) < 0) return UNKNOWN_APPLY;
    }
    return ok(padded(pads, input));
  }
  const axes = pads.length / 2;
  if (axes < 1 || axes > 3 || (input.length !== axes + 1 && input.length !== axes + 2)) {
    return failedApply([torchError('torch.pad-rank', 'Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now')]);
  }
  // Negative padding and empty dimensions raise texts that vary with the rank: left unknown.
  if (pads.some((amount) => amount < 0) || input.includes(0)) return UNKNOWN_APPLY;
  if (layer.kind.startsWith('Reflection')) {
    const inputText = axes === 2 ? String(input.length) : torchShapeText(input);
    for (let pair = 0; pair < axes; pair += 1) {
      const dim = input.length - 1 - pair;
      const [before, after] = [pads[2 * pair], pads[2 * pair + 1]];
      if (before >= input[dim] || after >= input[dim]) {
        return fail(
          'torch.reflection-pad-size',
          `Argument #${4 + 2 * pair}: Padding size should be less than the corresponding input dimension, but got: padding (${before}, ${after}) at dimension ${dim} of input ${inputText}`,
        );
      }
    }
  }
  return ok(padded(pads, input));
}
