/**
 * Tensor operations as dataflow-graph nodes: which `OpKind` (or module twin) a method, a
 * `torch.*` / `F.*` function, an operator or a subscript is, with its arguments resolved to
 * plain numbers (`engine/graph/opKinds.ts`). A call the graph does not model becomes a node
 * with a note and no output, so the preview stops there saying why. Nothing is recorded
 * outside the analysed model call (no graph recorder then).
 */
import type { SourceRange } from '../../../engine/report';
import type { ArgValue, BoundArgs } from '../../../engine/types';
import type { AnalysisContext } from './context';
import type { NodeSpec } from './graphRecorder';
import { functionalTwin } from './graphTwins';
import { copyMethods } from './provenance';
import { sizeArguments } from './tensorOps';
import type { PyTensor, Value } from './values';
import { intOf, isObject, isTensor, numberOf, sequenceOf } from './values';

type Origin = NodeSpec['origin'];
/** What a call is in the graph: kind and arguments, or a note saying what is not modelled. */
type Described = { kind: string; args: BoundArgs; inputs?: readonly PyTensor[] } | { note: string };

const binaryKinds: Readonly<Record<string, string>> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '**': 'pow',
  '@': 'matmul',
  add: 'add',
  sub: 'sub',
  subtract: 'sub',
  mul: 'mul',
  multiply: 'mul',
  div: 'div',
  divide: 'div',
  true_divide: 'div',
  pow: 'pow',
  matmul: 'matmul',
  mm: 'matmul',
  bmm: 'matmul',
  maximum: 'maximum',
  minimum: 'minimum',
};
const unaryKinds = new Set(['neg', 'abs', 'exp', 'log', 'sqrt', 'rsqrt']);
const reshapes = new Set(['view', 'reshape', 'view_as', 'reshape_as', 'squeeze', 'unsqueeze']);
const identities = new Set([...copyMethods, 'data']);
const reductions = new Set(['mean', 'sum', 'amax', 'amin']);

const dimOf = (value: Value, rank: number): number | undefined => {
  const dim = intOf(value);
  return dim === undefined || dim < -rank || dim >= rank ? undefined : dim < 0 ? dim + rank : dim;
};

function binary(kind: string, left: Value, right: Value, alpha: Value | undefined): Described {
  const extra: Record<string, ArgValue> = alpha !== undefined && numberOf(alpha) !== undefined ? { alpha: numberOf(alpha)! } : {};
  if (isTensor(left) && isTensor(right)) return { kind, args: extra, inputs: [left, right] };
  const [tensor, other, reversed] = isTensor(left) ? [left, right, false] : [right as PyTensor, left, true];
  const number = numberOf(other);
  if (number === undefined || kind === 'matmul') return { note: `${kind} with an operand that is not a tensor or a number` };
  return { kind, args: { other: number, reversed, ...extra }, inputs: [tensor] };
}

/** The axes a reduction's `dim` names (non-negative), null for all. */
function reducedDims(value: Value, rank: number): number[] | null | undefined {
  if (value === null) return null;
  const items = sequenceOf(value) ?? [value];
  const dims = items.map((item) => dimOf(item, rank));
  return dims.some((dim) => dim === undefined) ? undefined : (dims as number[]);
}

function permutation(name: string, self: PyTensor, rest: readonly Value[]): number[] | undefined {
  const rank = self.shape!.length;
  if (name === 'T' || name === 'mT') {
    const dims = [...Array(rank).keys()];
    return name === 'T' ? dims.reverse() : [...dims.slice(0, -2), rank - 1, rank - 2];
  }
  if (name === 'transpose' || name === 'swapaxes') {
    const [a, b] = [dimOf(rest[0] ?? null, rank), dimOf(rest[1] ?? null, rank)];
    if (a === undefined || b === undefined) return undefined;
    const dims = [...Array(rank).keys()];
    [dims[a], dims[b]] = [b, a];
    return dims;
  }
  const order = sizeArguments(rest);
  return order?.map((dim) => (dim < 0 ? dim + rank : dim));
}

/** A tensor call (`self` is the tensor a method is called on, else null) as a graph node. */
function describeCall(name: string, self: PyTensor | null, args: readonly Value[], kwargs: ReadonlyMap<string, Value>, result: Value): Described | undefined {
  const all = self ? [self, ...args] : args;
  const input = all[0] ?? kwargs.get('input') ?? null;
  const rest = all.slice(1);
  const arg = (index: number, name: string, fallback: Value): Value => rest[index] ?? kwargs.get(name) ?? fallback;
  if (Object.hasOwn(binaryKinds, name.replace(/_$/, ''))) {
    return binary(binaryKinds[name.replace(/_$/, '')], input, arg(0, 'other', null), kwargs.get('alpha'));
  }
  if (name === 'max' || name === 'min') {
    const other = arg(0, 'dim', null);
    if (isTensor(other)) return binary(name === 'max' ? 'maximum' : 'minimum', input, other, undefined);
  }
  if (!isTensor(input) || !input.shape) return isTensor(input) ? { note: `the shape of ${name}'s input is not known` } : undefined;
  const rank = input.shape.length;
  const twin = functionalTwin(name, rest, kwargs);
  if (twin) return { ...twin, inputs: [input] };
  if (unaryKinds.has(name.replace(/_$/, ''))) return { kind: name.replace(/_$/, ''), args: {}, inputs: [input] };
  if (identities.has(name)) return { kind: 'identity', args: {}, inputs: [input] };
  if (reshapes.has(name)) return { kind: 'reshape', args: {}, inputs: [input] };
  if (name === 'clamp' || name === 'clip' || name === 'clamp_min' || name === 'clamp_max') {
    const bound = (index: number, key: string): number | null | undefined => {
      const value = name === 'clamp_max' && key === 'min' ? null : name === 'clamp_min' && key === 'max' ? null : arg(name === 'clamp_max' ? 0 : index, key, null);
      return value === null ? null : numberOf(value);
    };
    const [min, max] = [bound(0, 'min'), bound(1, 'max')];
    return min === undefined || max === undefined ? { note: `${name} with tensor bounds` } : { kind: 'clamp', args: { min, max }, inputs: [input] };
  }
  if (['permute', 'transpose', 'swapaxes', 'T', 'mT'].includes(name)) {
    const dims = permutation(name, input, rest);
    return dims ? { kind: 'permute', args: { dims }, inputs: [input] } : { note: `${name} with dimensions that are not known` };
  }
  if (name === 'expand' || name === 'expand_as') return { kind: 'expand', args: {}, inputs: [input] };
  if (name === 'repeat') return { kind: 'repeat', args: { repeats: sizeArguments(rest) }, inputs: [input] };
  if (reductions.has(name) || ((name === 'max' || name === 'min') && !isTensor(result))) {
    const dims = reducedDims(arg(0, 'dim', null), rank);
    const keepdim = kwargs.get('keepdim') === true || rest[1] === true;
    const kind = name === 'max' ? 'amax' : name === 'min' ? 'amin' : name;
    return dims === undefined ? { note: `${name} over dimensions that are not known` } : { kind, args: { dim: dims, keepdim }, inputs: [input] };
  }
  if (name === 'max' || name === 'min') return { kind: name === 'max' ? 'amax' : 'amin', args: { dim: null, keepdim: false }, inputs: [input] };
  if (name === 'split' || name === 'chunk' || name === 'unbind') {
    const dim = dimOf(arg(name === 'unbind' ? 0 : 1, 'dim', 0), rank);
    const parts = sequenceOf(result)?.filter(isTensor) ?? [];
    if (dim === undefined || parts.some((part) => !part.shape)) return { note: `${name} with sizes that are not known` };
    return name === 'unbind' ? { kind: 'unbind', args: { dim }, inputs: [input] } : { kind: 'split', args: { dim, sizes: parts.map((part) => part.shape![dim]) }, inputs: [input] };
  }
  if (name === 'normalize') {
    const [p, dim, eps] = [numberOf(arg(0, 'p', 2)), dimOf(arg(1, 'dim', 1), rank), numberOf(arg(2, 'eps', 1e-12))];
    return p === undefined || dim === undefined || eps === undefined
      ? { note: 'F.normalize with arguments that are not known' }
      : { kind: 'normalize', args: { p, dim, eps }, inputs: [input] };
  }
  if (name === 'pad') {
    const pad = (sequenceOf(arg(0, 'pad', null)) ?? []).map(intOf);
    const mode = arg(1, 'mode', 'constant');
    const value = numberOf(arg(2, 'value', 0) ?? 0);
    if (pad.some((amount) => amount === undefined) || typeof mode !== 'string' || value === undefined) return { note: 'F.pad with arguments that are not known' };
    return { kind: 'pad', args: { pad: pad as number[], mode, value }, inputs: [input] };
  }
  return undefined;
}

/** Joins take a sequence of tensors: `torch.cat([a, b], dim)`, `torch.stack(...)`. */
function describeJoin(name: string, args: readonly Value[], kwargs: ReadonlyMap<string, Value>, result: Value): Described | undefined {
  const items = sequenceOf(args[0] ?? kwargs.get('tensors') ?? null);
  if (!items || !items.every(isTensor)) return undefined;
  const rank = isTensor(result) && result.shape ? result.shape.length : undefined;
  const dim = rank === undefined ? undefined : dimOf(args[1] ?? kwargs.get('dim') ?? 0, rank);
  if (dim === undefined) return { note: `${name} of tensors whose shapes are not known` };
  return { kind: name === 'stack' ? 'stack' : 'cat', args: { dim }, inputs: items as PyTensor[] };
}

function tensorsIn(values: readonly Value[], kwargs: ReadonlyMap<string, Value>): PyTensor[] {
  return [...values, ...kwargs.values()].flatMap((value) => (isTensor(value) ? [value] : (sequenceOf(value)?.filter(isTensor) ?? [])));
}

/**
 * Records `written(...)` (a method on `self`, or a `torch.*` / `F.*` function) in the model
 * call's graph. Calls without tensor arguments (factories) and results a node already
 * produced (a functional layer, an unchanged input) add nothing.
 */
export function recordTensorCall(
  context: AnalysisContext,
  origin: Origin,
  name: string,
  self: PyTensor | null,
  args: readonly Value[],
  kwargs: ReadonlyMap<string, Value>,
  result: Value,
  range: SourceRange,
): void {
  const graph = context.recorder?.graph;
  if (!graph) return;
  const produced = isTensor(result) ? result : (sequenceOf(result)?.find(isTensor) ?? null);
  if (!produced || graph.producerOf(produced)) return;
  const inputs = self ? [self, ...tensorsIn(args, kwargs)] : tensorsIn(args, kwargs);
  // Only what the model input flows into is the model's dataflow (not hyperparameter tensors).
  if (!inputs.some((tensor) => graph.producerOf(tensor))) return;
  const joined = name === 'cat' || name === 'concat' || name === 'concatenate' || name === 'stack';
  const described = (joined && !self ? describeJoin(name, args, kwargs, result) : describeCall(name, self, args, kwargs, result)) ?? {
    note: `${origin === 'method' ? `.${name}()` : `${name}()`} is not computed by the preview`,
  };
  // `max(dim)` gives (values, indices): the node is the values; the indices stay unfollowed.
  const value = (name === 'max' || name === 'min') && !isTensor(result) ? produced : result;
  if ('note' in described) graph.add({ origin, kind: name, inputs, args: {}, range, note: described.note }, value);
  else graph.add({ origin, kind: described.kind, inputs: described.inputs ?? inputs, args: described.args, range }, value);
  // `x.add_(y)` changes x itself: the name x now stands for the op's output, even when the result is dropped.
  if (self && name.endsWith('_') && isTensor(result)) graph.rebind(self, result);
}

/** `left OP right` where a side is a tensor. */
export function recordOperator(context: AnalysisContext, op: string, left: Value, right: Value, result: Value, range: SourceRange): void {
  const graph = context.recorder?.graph;
  if (!graph || !isTensor(result) || graph.producerOf(result)) return;
  const kind = Object.hasOwn(binaryKinds, op) ? binaryKinds[op] : undefined;
  const inputs = [left, right].filter(isTensor);
  if (!inputs.some((tensor) => graph.producerOf(tensor))) return;
  const described = kind ? binary(kind, left, right, undefined) : { note: `the operator ${op} is not computed by the preview` };
  if ('note' in described) graph.add({ origin: 'operator', kind: op, inputs, args: {}, range, note: described.note }, result);
  else graph.add({ origin: 'operator', kind: described.kind, inputs: described.inputs ?? inputs, args: described.args, range }, result);
}

/** One `getitem` index entry per input axis: a number picks, `[start, stop, step]` slices; undefined when not modelled. */
function indexEntries(shape: readonly number[], index: Value): (number | number[])[] | undefined {
  const parts = isObject(index) && index.kind === 'tuple' ? index.items : [index];
  const isEllipsis = (part: Value): boolean => isObject(part) && part.kind === 'ns' && part.path === 'Ellipsis';
  const explicit = parts.filter((part) => part !== null && !isEllipsis(part)).length;
  const entries: (number | number[])[] = [];
  const whole = (size: number): number[] => [0, size, 1];
  for (const part of parts) {
    if (part === null) continue;
    if (isEllipsis(part)) {
      for (let skipped = shape.length - explicit; skipped > 0; skipped--) entries.push(whole(shape[entries.length]));
      continue;
    }
    const size = shape[entries.length];
    if (size === undefined) return undefined;
    const pick = intOf(part);
    if (pick !== undefined) {
      entries.push(pick < 0 ? pick + size : pick);
    } else if (isObject(part) && part.kind === 'slice') {
      const [start, stop, step] = [part.start === null ? 0 : intOf(part.start), part.stop === null ? size : intOf(part.stop), part.step === null ? 1 : intOf(part.step)];
      if (start === undefined || stop === undefined || step === undefined || step <= 0) return undefined;
      const clamp = (at: number): number => Math.min(Math.max(at < 0 ? at + size : at, 0), size);
      entries.push([clamp(start), clamp(stop), step]);
    } else {
      return undefined;
    }
  }
  while (entries.length < shape.length) entries.push(whole(shape[entries.length]));
  return entries;
}

/** `tensor[index]`. */
export function recordSubscript(context: AnalysisContext, source: PyTensor, index: Value, result: Value, range: SourceRange): void {
  const graph = context.recorder?.graph;
  if (!graph || !isTensor(result) || graph.producerOf(result) || !graph.producerOf(source)) return;
  const entries = source.shape ? indexEntries(source.shape, index) : undefined;
  if (!entries)
    graph.add({ origin: 'operator', kind: 'getitem', inputs: [source], args: {}, range, note: 'indexing with tensors or unknown bounds is not computed by the preview' }, result);
  else graph.add({ origin: 'operator', kind: 'getitem', inputs: [source], args: { index: entries }, range }, result);
}
