/**
 * Attributes and methods of a tensor value: `x.shape`, `x.size(1)`, `x.view(...)`,
 * `x.flatten(1)`, `x.mean(dim=...)`, ... Element-wise methods keep the shape.
 */
import type { AnalysisContext } from './context';
import { opSite } from './opSite';
import { builtin } from './methods';
import type { PyNode } from './syntax';
import { concatenate, dimReductions, flattenShape, makeTensor, rearrange, reduceCall, reduceShape, sizeArguments, splitTensor, viewShape } from './tensorOps';
import type { PyClass, PyInstance, PyTensor, Value } from './values';
import { intOf, isTensor, tuple, unknown } from './values';
import { copyMethods } from './provenance';
import { recordTensorCall } from './graphOps';
import { isValueFunction, tensorScalar, tensorToList, valuedFunction } from './tensorValues';

/** Methods that return a tensor of the same shape. */
const sameShapeMethods: ReadonlySet<string> = new Set([
  ...copyMethods,
  'int',
  'long',
  'astype',
  'assign',
  'bool',
  'relu',
  'relu_',
  'sigmoid',
  'sigmoid_',
  'tanh',
  'tanh_',
  'exp',
  'log',
  'abs',
  'sqrt',
  'neg',
  'pow',
  'clamp',
  'clamp_',
  'clamp_min',
  'clamp_max',
  'softmax',
  'log_softmax',
  'mul',
  'mul_',
  'add',
  'add_',
  'sub',
  'sub_',
  'div',
  'div_',
  'masked_fill',
  'requires_grad_',
  'fill_',
  'zero_',
  'normal_',
  'uniform_',
  'sign',
  'round',
  'floor',
  'ceil',
  'square',
  'rsqrt',
  'reciprocal',
  'copy_',
  'cumsum',
  'flip',
  'roll',
  'sin',
  'cos',
  // In-place random fills (stochastic depth draws its mask with `bernoulli_`).
  'bernoulli',
  'bernoulli_',
  'exponential_',
  'random_',
]);

function argument(args: readonly Value[], kwargs: ReadonlyMap<string, Value>, index: number, name: string, fallback: Value): Value {
  return args[index] ?? kwargs.get(name) ?? fallback;
}

function intArgument(args: readonly Value[], kwargs: ReadonlyMap<string, Value>, index: number, name: string, fallback: number): number | undefined {
  return intOf(argument(args, kwargs, index, name, fallback));
}

/** `x.device`: the CPU (`.type` is 'cpu', `.index` None); a new object per read, as nothing may leak between analyses. */
function cpuDevice(site: PyNode): PyInstance {
  const cls: PyClass = { kind: 'class', name: 'device', node: site, bases: [], attrs: new Map(), torchBase: null };
  return {
    kind: 'instance',
    cls,
    attrs: new Map<string, Value>([
      ['type', 'cpu'],
      ['index', null],
    ]),
    moduleId: null,
  };
}

/** `x.T`, `x.mT`, `x.data`, `x.grad`: a tensor read as an attribute, a node of the graph too. */
function attributeTensor(context: AnalysisContext, source: PyTensor, name: string, site: PyNode): PyTensor {
  const shape = source.shape;
  const swapped = shape && name === 'mT' && shape.length >= 2 ? [...shape.slice(0, -2), shape[shape.length - 1], shape[shape.length - 2]] : null;
  const result = makeTensor(shape && name === 'T' ? [...shape].reverse() : (swapped ?? shape), [source]);
  if (context.recorder?.graph) recordTensorCall(context, 'method', name === 'grad' ? 'grad' : name, source, [], new Map(), result, site.range);
  return result;
}

/** `tensor.name`: a shape attribute or a bound method. */
export function tensorAttribute(context: AnalysisContext, source: PyTensor, name: string, site: PyNode): Value {
  const shape = source.shape;
  const op = opSite(context, site);
  // Each call of a method is a node of the model call's graph (when one is being built).
  const method = (call: (args: Value[], kwargs: ReadonlyMap<string, Value>) => Value): Value =>
    builtin(name, (args, kwargs, callSite) => {
      const result = call(args, kwargs);
      if (context.recorder?.graph) recordTensorCall(context, 'method', name, source, args, kwargs, result, (callSite ?? site).range);
      return result;
    });
  if (isValueFunction(name)) {
    // A tensor of known values (a hyperparameter) keeps its values through `round()`, `int()`, ...
    const valued = valuedFunction(name, source);
    if (valued) return method(() => valued);
  }
  if (sameShapeMethods.has(name)) return method(() => makeTensor(shape, [source]));
  if (dimReductions.has(name)) return method((args, kwargs) => reduceCall(source, args, kwargs, 0));
  switch (name) {
    case 'shape':
      return shape ? tuple([...shape]) : unknown('the shape of a tensor of unknown shape');
    case 'ndim':
      return shape ? shape.length : unknown('ndim of a tensor of unknown shape');
    case 'T':
    case 'mT':
    case 'data':
    case 'grad':
      return attributeTensor(context, source, name, site);
    case 'dtype':
      return unknown(`tensor.${name}`);
    case 'dim':
      return method(() => (shape ? shape.length : unknown('dim() of a tensor of unknown shape')));
    case 'numel':
    case 'nelement':
      return method(() => (shape ? shape.reduce((x, y) => x * y, 1) : unknown('numel() of a tensor of unknown shape')));
    case 'size':
      return method((args, kwargs) => {
        if (!shape) return unknown('size() of a tensor of unknown shape');
        const dimValue = argument(args, kwargs, 0, 'dim', null);
        if (dimValue === null) return tuple([...shape]);
        const dim = intOf(dimValue);
        if (dim === undefined) return unknown('size() of an unknown dimension');
        const axis = dim < 0 ? dim + shape.length : dim;
        return shape[axis] ?? unknown(`size(${dim}) of a ${shape.length}-d tensor`);
      });
    case 'view':
    case 'reshape':
      return method((args) => {
        const requested = sizeArguments(args);
        if (args.some(isTensor)) return makeTensor(null, [source]);
        return viewShape(source, requested, op);
      });
    case 'view_as':
    case 'reshape_as':
      return method(([other]) => (isTensor(other ?? null) ? makeTensor((other as PyTensor).shape, [source]) : makeTensor(null, [source])));
    case 'expand_as':
      return method(([other]) => (isTensor(other ?? null) ? makeTensor((other as PyTensor).shape, [source]) : makeTensor(null, [source])));
    case 'flatten':
      return method((args, kwargs) => {
        const start = intArgument(args, kwargs, 0, 'start_dim', 0);
        const end = intArgument(args, kwargs, 1, 'end_dim', -1);
        return start === undefined || end === undefined ? makeTensor(null, [source]) : flattenShape(source, start, end);
      });
    case 'permute':
    case 'transpose':
    case 'unsqueeze':
    case 'squeeze':
      return method((args, kwargs) => rearrange(source, name, args.length > 0 ? args : [kwargs.get('dim') ?? null].filter((value) => value !== null)));
    case 'norm':
      return method((args, kwargs) => reduceShape(source, argument(args, kwargs, 1, 'dim', null), kwargs.get('keepdim') === true || args[1] === true));
    case 'max':
    case 'min':
      return method((args, kwargs) => {
        const dim = argument(args, kwargs, 0, 'dim', null);
        if (dim === null) return makeTensor([], [source]);
        if (isTensor(dim)) return makeTensor(shape, [source]);
        const reduced = reduceShape(source, dim, kwargs.get('keepdim') === true || args[1] === true);
        return tuple([reduced, reduced]);
      });
    case 'argmax':
    case 'argmin':
      return method((args, kwargs) => reduceShape(source, argument(args, kwargs, 0, 'dim', null), kwargs.get('keepdim') === true));
    case 'chunk':
      return method((args, kwargs) => splitTensor(source, 'chunk', argument(args, kwargs, 0, 'chunks', null), argument(args, kwargs, 1, 'dim', 0)));
    case 'split':
      return method((args, kwargs) => splitTensor(source, 'split', argument(args, kwargs, 0, 'split_size', null), argument(args, kwargs, 1, 'dim', 0)));
    case 'expand':
    case 'repeat':
      return method((args) => {
        const sizes = sizeArguments(args);
        if (!sizes || !shape) return makeTensor(null, [source]);
        if (name === 'repeat') {
          const padded = [...Array(Math.max(0, sizes.length - shape.length)).fill(1), ...shape];
          return makeTensor(
            sizes.map((times, index) => times * padded[index]),
            [source],
          );
        }
        const offset = sizes.length - shape.length;
        return makeTensor(
          sizes.map((size, index) => (size === -1 ? shape[index - offset] : size)),
          [source],
        );
      });
    case 'new_zeros':
    case 'new_ones':
    case 'new_empty':
    case 'new_full':
      return method((args) => makeTensor(sizeArguments(name === 'new_full' ? args.slice(0, 1) : args)));
    case 'matmul':
    case 'mm':
    case 'bmm':
      return method(([other]) => makeTensor(null, [source, ...(isTensor(other ?? null) ? [other as PyTensor] : [])]));
    case 'cat':
      return method((args, kwargs) => concatenate(tuple([source, ...args]), kwargs.get('dim') ?? 0, false, op));
    case 'item':
      return method(() => tensorScalar(source) ?? unknown('tensor.item() of a tensor whose values are not known'));
    case 'tolist':
      return method(() => tensorToList(source) ?? unknown('tensor.tolist() of a tensor whose values are not known'));
    case 'is_cuda':
      return false;
    case 'device':
      // The analysis stands for eager mode on a CPU.
      return cpuDevice(site);
    case 'numpy':
      return method(() => unknown(`tensor.${name}()`));
    default:
      return unknown(`the tensor attribute .${name}`);
  }
}
