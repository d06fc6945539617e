/**
 * The numpy that Keras examples use to shape their data before the model sees it:
 * `np.zeros`, `np.expand_dims`, `np.swapaxes`, `np.reshape`, `np.arange`, ... on arrays held
 * as tensor values (shape only), so that `keras.Input(shape=x_train.shape[1:])` gets the
 * data's shape. Values are never computed; what cannot be told is unknown.
 */
import type { AnalysisContext } from '../core/context';
import { opSite } from '../core/opSite';
import type { PyNode } from '../core/syntax';
import { concatenate, makeTensor, rearrange, sizeArguments, viewShape } from '../core/tensorOps';
import type { PyTensor, Value } from '../core/values';
import { intOf, isTensor, sequenceOf, tuple } from '../core/values';

const numpyPath = /^numpy\.((?:random\.)?\w+)$/;

/** Array constructors whose first argument (or `shape=`) is the shape. */
const shapeFactories = new Set(['zeros', 'ones', 'empty', 'full', 'random.normal', 'random.uniform', 'random.random', 'random.randint']);

/** Calls that change the data but not its shape (or work in place). */
const shapeKeeping = new Set(['clip', 'abs', 'sqrt', 'exp', 'log', 'float32', 'asarray', 'array', 'copy', 'nan_to_num', 'rot90', 'flip', 'fliplr', 'flipud']);

function shapeArgument(value: Value | undefined): number[] | null {
  if (value === undefined) return null;
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? [value] : null;
  const items = sequenceOf(value);
  if (!items) return null;
  const dims = items.map((item) => intOf(item));
  return dims.every((d): d is number => d !== undefined && d >= 0) ? dims : null;
}

/**
 * The axis moves numpy and `keras.ops` spell alike, `name(x, ...)`: `expand_dims`, `squeeze`,
 * `swapaxes`, `transpose` (all axes reversed without `axes`). Undefined for other names.
 */
export function moveAxes(input: PyTensor, name: string, args: readonly Value[], kwargs: ReadonlyMap<string, Value>): PyTensor | undefined {
  switch (name) {
    case 'expand_dims':
      return rearrange(input, 'unsqueeze', [args[1] ?? kwargs.get('axis') ?? null]);
    case 'squeeze':
      return rearrange(input, 'squeeze', [args[1] ?? kwargs.get('axis') ?? null]);
    case 'swapaxes':
      return rearrange(input, 'transpose', [args[1] ?? kwargs.get('axis1') ?? null, args[2] ?? kwargs.get('axis2') ?? null]);
    case 'transpose': {
      const axes = args[1] ?? kwargs.get('axes');
      return axes === undefined || axes === null ? makeTensor(input.shape ? [...input.shape].reverse() : null, [input]) : rearrange(input, 'permute', [axes]);
    }
    default:
      return undefined;
  }
}

/** `np.<name>(...)` on shapes; undefined when the path is not one of these numpy calls. */
export function callNumpy(context: AnalysisContext, path: string, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value | undefined {
  const name = numpyPath.exec(path)?.[1];
  if (name === undefined) return undefined;
  const input = args[0] ?? kwargs.get('a') ?? null;
  if (shapeFactories.has(name)) {
    // randint(low, high, size): the shape is `size`.
    const shape = shapeArgument(name === 'random.randint' ? (args[2] ?? kwargs.get('size')) : (args[0] ?? kwargs.get('shape') ?? kwargs.get('size')));
    return makeTensor(shape);
  }
  if (name === 'arange') {
    const bounds = args.map((a) => intOf(a));
    if (bounds.length === 0 || bounds.some((b) => b === undefined)) return makeTensor(null);
    const [start, stop, step] = bounds.length === 1 ? [0, bounds[0]!, 1] : [bounds[0]!, bounds[1]!, bounds[2] ?? 1];
    return makeTensor(step > 0 ? [Math.max(0, Math.ceil((stop - start) / step))] : null);
  }
  if (name === 'random.shuffle' || name === 'random.seed') return null;
  if (name === 'concatenate' || name === 'stack') {
    return concatenate(input, args[1] ?? kwargs.get('axis') ?? 0, name === 'stack', opSite(context, site));
  }
  if (!isTensor(input)) return undefined;
  if (shapeKeeping.has(name)) return makeTensor(input.shape, [input]);
  const moved = moveAxes(input, name, args, kwargs);
  if (moved) return moved;
  switch (name) {
    case 'reshape':
      return viewShape(input, sizeArguments([args[1] ?? kwargs.get('newshape') ?? kwargs.get('shape') ?? null]), opSite(context, site));
    case 'shape':
      return input.shape ? tuple([...input.shape]) : undefined;
    default:
      return undefined;
  }
}
