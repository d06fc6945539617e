/**
 * Names a layer's convolution variant, so that tables label a 1x1
 * convolution "pointwise" (a widely copied printout calls it "grouped") and a convolution
 * with groups == in_channels "depthwise".
 */
import type { BoundArgs } from '../types';
import { intArgOrNull, intTuple, torchSpatialRank } from './args';

/**
 * Labels in this order when they apply: 'transposed', 'grouped', 'depthwise' (groups ==
 * in_channels, always also grouped), 'pointwise', 'dilated', 'strided'; else ['standard']. `fully connected` for Linear; [] for other kinds or unknown args.
 */
export function convVariantLabels(kind: string, args: BoundArgs): string[] {
  if (kind === 'Linear') return ['fully connected'];
  if (!kind.startsWith('Conv')) return [];
  const n = torchSpatialRank(kind);
  const groups = intArgOrNull(args, 'groups');
  const inChannels = intArgOrNull(args, 'in_channels');
  const kernel = intTuple(args.kernel_size, n);
  const dilation = intTuple(args.dilation, n);
  const stride = intTuple(args.stride, n);
  if (groups === null || inChannels === null || !kernel || !dilation || !stride) return [];
  const labels: string[] = [];
  if (kind.startsWith('ConvTranspose')) labels.push('transposed');
  if (groups > 1) labels.push('grouped');
  // PyTorch's docs: groups == in_channels "is also known as a depthwise convolution".
  if (groups > 1 && groups === inChannels) labels.push('depthwise');
  if (kernel.every((k) => k === 1)) labels.push('pointwise');
  if (dilation.some((d) => d > 1)) labels.push('dilated');
  if (stride.some((s) => s > 1)) labels.push('strided');
  return labels.length > 0 ? labels : ['standard'];
}
