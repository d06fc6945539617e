/**
 * A float where a torch.nn constructor needs an int size (`nn.Conv2d(24, 200 / 4, 1)`):
 * PyTorch builds the weight with `torch.empty(size)` and its argument parser refuses the
 * float. The message depends on where the float sits in the weight's size, as PyTorch
 * 1.13 words it: first in a tuple, or a bare size, "invalid combination of arguments";
 * later in a tuple, "must be tuple of SymInts ... at pos N". A transformer stack's float
 * depth is refused by `range()` instead. A float that came from a true division
 * (`out_planes/4`) is named after PyTorch's words, with the fix (`//`).
 */
import type { PyFloat, TrueDivision, Value } from '../core/values';
import { isObject, sequenceOf } from '../core/values';

const signatures = (size: string): string =>
  ` * (tuple of ints size, *, tuple of names names, ${size === 'empty' ? 'torch.memory_format memory_format, ' : ''}torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)\n` +
  ` * (tuple of SymInts size, *, ${size === 'empty' ? 'torch.memory_format memory_format, ' : ''}Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)`;

function invalidCombination(factory: 'empty' | 'zeros', got: 'tuple' | 'float'): string {
  return `${factory}() received an invalid combination of arguments - got (${got}, dtype=NoneType, device=NoneType), but expected one of:\n${signatures(factory)}`;
}

/** Whether a size element is a Python float. */
function isFloat(value: Value | undefined): value is PyFloat {
  return value !== undefined && isObject(value) && value.kind === 'float';
}

/** `a // b`'s float-ness: a float if either side is (the float itself, so its origin is kept). */
function floorDivision(a: Value | undefined, b: Value | undefined): Value | undefined {
  return isFloat(b) && !isFloat(a) ? b : a;
}

/** An int or a tuple for each of `rank` axes, as `_pair`/`_triple` make it. */
function perAxis(value: Value | undefined, rank: number): (Value | undefined)[] {
  const items = value === undefined ? undefined : sequenceOf(value);
  return items ? [...items] : Array.from({ length: rank }, () => value);
}

/** The weight's size as the constructor would pass it to torch.empty, or a bare size (`'scalar'`). */
function weightSize(kind: string, arg: (name: string) => Value | undefined): { size: (Value | undefined)[] | Value | undefined; factory: 'empty' | 'zeros' } | undefined {
  const conv = /^Conv(Transpose)?([123])d$/.exec(kind);
  if (conv) {
    const kernel = perAxis(arg('kernel_size'), Number(conv[2]));
    const groups = arg('groups');
    return conv[1]
      ? { size: [arg('in_channels'), floorDivision(arg('out_channels'), groups), ...kernel], factory: 'empty' }
      : { size: [arg('out_channels'), floorDivision(arg('in_channels'), groups), ...kernel], factory: 'empty' };
  }
  if (kind === 'Linear') return { size: [arg('out_features'), arg('in_features')], factory: 'empty' };
  if (/^(BatchNorm|InstanceNorm)[123]d$/.test(kind)) {
    if (arg('affine') === true) return { size: arg('num_features'), factory: 'empty' };
    return arg('track_running_stats') === true ? { size: arg('num_features'), factory: 'zeros' } : undefined;
  }
  if (kind === 'PReLU') return { size: arg('num_parameters'), factory: 'empty' };
  return undefined;
}

/** PyTorch's TypeError for a float size of a `kind` layer, given its bound arguments by name, and the float; undefined when there is none. */
export function floatSizeError(kind: string, arg: (name: string) => Value | undefined): { message: string; float: PyFloat } | undefined {
  // A layer stack copies its layer `range(num_layers)` times.
  const depth = arg('num_layers');
  if ((kind === 'TransformerEncoder' || kind === 'TransformerDecoder') && isFloat(depth)) return { message: "'float' object cannot be interpreted as an integer", float: depth };
  const weight = weightSize(kind, arg);
  if (!weight) return undefined;
  if (!Array.isArray(weight.size)) return isFloat(weight.size) ? { message: invalidCombination(weight.factory, 'float'), float: weight.size } : undefined;
  const position = weight.size.findIndex(isFloat);
  if (position < 0) return undefined;
  const float = weight.size[position] as PyFloat;
  if (position === 0) return { message: invalidCombination(weight.factory, 'tuple'), float };
  return { message: `${weight.factory}(): argument 'size' must be tuple of SymInts, but found element of type float at pos ${position + 1}`, float };
}

/** What to say after PyTorch's words when the float came from `a / b`: where, and the fix. */
export function trueDivisionNote(division: TrueDivision): string {
  const where = division.line === null ? '' : ` (line ${division.line})`;
  return `\`${division.text}\`${where} is true division, which gives a float in Python 3 even when it divides evenly: use \`//\` for a whole number.`;
}
