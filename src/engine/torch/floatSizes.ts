/**
 * A Python float where a layer's constructor needs an int (`nn.Conv2d(24, 200 / 4, 1)`):
 * the constructor hands the number to `torch.empty` as a tensor size, which raises a
 * TypeError. Bound arguments carry plain numbers (44.0 reads as 44), so the front end says
 * which arguments were floats; this file knows the first size each layer allocates and
 * words PyTorch's error by where the first float sits in it.
 */
import type { BoundArgs, EngineIssue } from '../types';
import { boolArgOrNull, torchError, torchSpatialRank } from './args';

/** Per bound argument: whether it is a float, or for a tuple, which of its entries are. */
export type FloatFlags = Readonly<Record<string, boolean | readonly boolean[]>>;

/** One entry of the first size a constructor allocates: the argument it comes from and whether it is a float. */
interface SizeEntry {
  readonly arg: string;
  readonly float: boolean;
}

/** The overloads `torch.empty` lists when its size is neither a tuple of ints nor an int. */
const EMPTY_OVERLOADS =
  ' * (tuple of ints size, *, tuple of names names, torch.memory_format memory_format, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)\n' +
  ' * (tuple of SymInts size, *, torch.memory_format memory_format, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)';

function invalidCombination(got: 'tuple' | 'float'): string {
  return `empty() received an invalid combination of arguments - got (${got}, dtype=NoneType, device=NoneType), but expected one of:\n${EMPTY_OVERLOADS}`;
}

function flagOf(floats: FloatFlags, arg: string): boolean {
  const flag = floats[arg];
  return Array.isArray(flag) ? flag.some(Boolean) : flag === true;
}

/** `_ntuple`: a scalar argument repeated n times, a tuple entry by entry (a one-entry tuple repeated). */
function tupleFlags(floats: FloatFlags, arg: string, n: number): boolean[] {
  const flag = floats[arg];
  if (!Array.isArray(flag)) return Array.from({ length: n }, () => flag === true);
  const entries = flag as readonly boolean[];
  return entries.length === 1 ? Array.from({ length: n }, () => entries[0]) : [...entries];
}

/** The weight's size, `(out, in // groups, *kernel)` (transposed: `(in, out // groups, *kernel)`). */
function convWeight(kind: string, floats: FloatFlags): SizeEntry[] {
  const [first, second] = kind.startsWith('ConvTranspose') ? ['in_channels', 'out_channels'] : ['out_channels', 'in_channels'];
  const kernel = tupleFlags(floats, 'kernel_size', torchSpatialRank(kind)).map((float) => ({ arg: 'kernel_size', float }));
  const divided = flagOf(floats, second) ? second : 'groups';
  return [{ arg: first, float: flagOf(floats, first) }, { arg: divided, float: flagOf(floats, second) || flagOf(floats, 'groups') }, ...kernel];
}

function sizeOf(floats: FloatFlags, ...args: string[]): SizeEntry[] {
  return args.map((arg) => ({ arg, float: flagOf(floats, arg) }));
}

/** The first size the constructor allocates, as a tuple, or as a bare number (`torch.empty(num_features)`). */
function firstSize(kind: string, args: BoundArgs, floats: FloatFlags): { tuple: SizeEntry[] } | { bare: SizeEntry } | null {
  if (/^Conv(Transpose)?[123]d$/.test(kind)) return { tuple: convWeight(kind, floats) };
  if (kind === 'Linear') return { tuple: sizeOf(floats, 'out_features', 'in_features') };
  if (kind === 'PReLU') return { bare: { arg: 'num_parameters', float: flagOf(floats, 'num_parameters') } };
  // Without affine parameters the first allocation is a running-statistics buffer, worded otherwise.
  if (/^(BatchNorm[123]d|SyncBatchNorm)$/.test(kind) && boolArgOrNull(args, 'affine') === true) {
    return { bare: { arg: 'num_features', float: flagOf(floats, 'num_features') } };
  }
  return null;
}

/** PyTorch's TypeError when a float reaches a size the constructor allocates, or null. */
export function floatSizeIssue(kind: string, args: BoundArgs, floats: FloatFlags): EngineIssue | null {
  const size = firstSize(kind, args, floats);
  if (!size) return null;
  if ('bare' in size) return size.bare.float ? torchError('torch.float-size', invalidCombination('float'), size.bare.arg) : null;
  const position = size.tuple.findIndex((entry) => entry.float);
  if (position < 0) return null;
  const { arg } = size.tuple[position];
  if (position === 0) return torchError('torch.float-size', invalidCombination('tuple'), arg);
  return torchError('torch.float-size', `empty(): argument 'size' must be tuple of SymInts, but found element of type float at pos ${position + 1}`, arg);
}
