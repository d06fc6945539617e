/**
 * The layers that move values between channels and space without weights: PixelShuffle
 * (channels / r² and space x r), PixelUnshuffle (the inverse) and ChannelShuffle (channels
 * reordered, shape unchanged). ATen's checks and messages, in the order it runs them.
 */
import type { BoundArgs, Shape } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { ZERO_COUNT } from '../exactCount';
import { intArgOrNull, torchError, torchShapeText } from './args';

/** Every kind this file models. */
export const shuffleKinds: readonly string[] = ['PixelShuffle', 'PixelUnshuffle', 'ChannelShuffle'];

/** The constructors store their factor without checks. */
export function constructShuffle(kind: string, args: BoundArgs): ConstructResult {
  return { layer: { kind, args, params: [] }, issues: [] };
}

const fail = (code: string, message: string, arg?: string): ApplyResult => failedApply([torchError(code, message, arg)]);
const reshaped = (output: Shape): ApplyResult => ({ output, macs: ZERO_COUNT, steps: null, issues: [] });

export function applyShuffle(layer: TorchLayer, input: Shape): ApplyResult {
  if (layer.kind === 'ChannelShuffle') return applyChannelShuffle(layer.args, input);
  const up = layer.kind === 'PixelShuffle';
  const op = up ? 'pixel_shuffle' : 'pixel_unshuffle';
  const argName = up ? 'upscale_factor' : 'downscale_factor';
  if (input.length < 3) return fail('torch.input-rank', `${op} expects input to have at least 3 dimensions, but got input with ${input.length} dimension(s)`);
  const factor = intArgOrNull(layer.args, argName);
  if (factor === null) return UNKNOWN_APPLY;
  if (factor <= 0) return fail('torch.shuffle-factor', `${op} expects a positive ${argName}, but got ${factor}`, argName);
  const lead = input.slice(0, -3);
  const [channels, height, width] = input.slice(-3);
  if (up) {
    if (channels % (factor * factor) !== 0) {
      return fail(
        'torch.shuffle-factor',
        `pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${channels} is not divisible by ${factor * factor}`,
        argName,
      );
    }
    return reshaped([...lead, channels / (factor * factor), height * factor, width * factor]);
  }
  if (height % factor !== 0)
    return fail('torch.shuffle-factor', `pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=${height} is not divisible by ${factor}`, argName);
  if (width % factor !== 0)
    return fail('torch.shuffle-factor', `pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=${width} is not divisible by ${factor}`, argName);
  return reshaped([...lead, channels * factor * factor, height / factor, width / factor]);
}

/** `F.channel_shuffle`: more than 2 dimensions, positive groups dividing dimension 1. */
function applyChannelShuffle(args: BoundArgs, input: Shape): ApplyResult {
  if (input.length <= 2) return fail('torch.input-rank', `channel_shuffle expects input with > 2 dims, but got input with sizes ${torchShapeText(input)}`);
  const groups = intArgOrNull(args, 'groups');
  if (groups === null) return UNKNOWN_APPLY;
  if (groups <= 0) return fail('torch.shuffle-groups', `Number of groups to divide channels in must be positive. Value of groups:${groups}`, 'groups');
  if (input[1] % groups !== 0) return fail('torch.shuffle-groups', `Number of channels must be divisible by groups. Got ${input[1]} channels and ${groups} groups.`, 'groups');
  return { output: input, macs: ZERO_COUNT, steps: [], issues: [] };
}
