/**
 * Keras 3's attention layers: Attention and AdditiveAttention (called on [query, value] or
 * [query, value, key]), MultiHeadAttention and GroupQueryAttention (called as
 * `layer(query, value, key=None)`; here the inputs list is [query, value] or [query, value,
 * key]). With `return_attention_scores` they return [output, scores]. The weights are those
 * of their EinsumDense projections, named by their path in the layer (`query/kernel`).
 */
import type { BoundArgs, EngineIssue, ParamTensor, Shape } from '../types';
import type { ExactCount } from '../types';
import { addCounts, multiplyCounts } from '../exactCount';
import type { TfLayer } from './layerModel';
import { boolArgOrDefault, issue, requiredIntArg, tfShapeText } from './layerModel';
import type { FamilyResult } from './familyResult';
import { analyzeEinsum, checkDefined, kerasError, pyRepr } from './kerasEinsum';

const attentionKinds = new Set(['Attention', 'AdditiveAttention', 'MultiHeadAttention', 'GroupQueryAttention']);

/** True for the classes this file models. */
export function isAttentionKind(kind: string): boolean {
  return attentionKinds.has(kind);
}

/** The result of a layer that may also return its scores: a list then stops the single flow. */
function withScores(layer: TfLayer, output: Shape, scores: Shape, call: BoundArgs, result: Omit<FamilyResult, 'output' | 'issues'>): FamilyResult {
  if (call.return_attention_scores !== true) return { ...result, output, issues: [] };
  const listed = [output, scores].map((s) => `[${s.join(', ')}]`).join(', ');
  const note: EngineIssue = issue('info', 'tf.multi-output', `${layer.kind} with return_attention_scores returns (output, scores) (${listed}); shapes stop here.`);
  return { ...result, output: null, outputs: [output, scores], issues: [note] };
}

/** Attention (dot or concat scores) and AdditiveAttention: no projections, at most a scale. */
function applyDotAttention(layer: TfLayer, inputs: readonly Shape[], listed: boolean, call: BoundArgs): FamilyResult {
  if (!listed) {
    // Keras's build() checks first, so it prints the input's shape.
    const message = `${layer.kind} layer must be called on a list of inputs, namely [query, value] or [query, value, key]. Received: inputs=${tfShapeText(inputs[0], 'keras')}.`;
    return { output: null, steps: null, issues: [issue('error', 'tf.attention-inputs', message)] };
  }
  if (inputs.length < 2 || inputs.length > 3) {
    const message = `${layer.kind} layer accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. Received length: ${inputs.length}.`;
    return { output: null, steps: null, issues: [issue('error', 'tf.attention-inputs', message)] };
  }
  const additiveScale = layer.kind === 'AdditiveAttention' && boolArgOrDefault(layer.args, 'use_scale', true);
  // build() makes AdditiveAttention's scale from the query's last axis before anything is computed.
  if (additiveScale) checkDefined(layer, 'scale', [inputs[0][inputs[0].length - 1]]);
  if (inputs.some((s) => s.length < 2 || s.length !== inputs[0].length)) {
    // Inputs of other ranks broadcast their leading axes against one another at run time (not in Keras's symbolic shape).
    const message = `${layer.kind} is modelled for inputs of one rank, 2 or more; shapes stop here.`;
    return { output: null, steps: null, issues: [issue('info', 'tf.attention-inputs', message)] };
  }
  const [query, value] = inputs;
  const key = inputs[2] ?? value;
  const paramTensors: ParamTensor[] = [];
  if (layer.kind === 'AdditiveAttention') {
    if (additiveScale) paramTensors.push({ name: 'scale', shape: [query[query.length - 1]], trainable: true });
  } else {
    if (boolArgOrDefault(layer.args, 'use_scale', false)) paramTensors.push({ name: 'scale', shape: [], trainable: true });
    if (layer.args.score_mode === 'concat') paramTensors.push({ name: 'concat_score_weight', shape: [], trainable: true });
  }
  const output = [...query.slice(0, -1), value[value.length - 1]];
  const scores = [...query.slice(0, -1), key[key.length - 2]];
  // One term per (query, key, feature) for the scores, one per (query, key, value feature) for the sum.
  const macs = addCounts(multiplyCounts(...scores, query[query.length - 1]), multiplyCounts(...scores, value[value.length - 1]));
  return withScores(layer, output, scores, call, { macs, steps: null, paramTensors });
}

/** One EinsumDense projection of a multi-head layer, named as Keras names its weights. */
interface Projection {
  readonly name: string;
  readonly kernel: Shape;
  readonly bias: Shape | null;
  readonly macs: ExactCount;
}

function projection(name: string, equation: string, input: Shape, outputShape: (number | null)[], biasAxes: string | null): Projection {
  const { kernel, bias, macs } = analyzeEinsum(equation, biasAxes, input, outputShape);
  return { name, kernel, bias, macs };
}

/** MultiHeadAttention's projection equation (Keras's `_build_proj_equation`). */
function projectionEquation(freeDims: number, boundDims: number, outputDims: number): { equation: string; biasAxes: string } {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const free = letters.slice(0, freeDims);
  const bound = letters.slice(freeDims, freeDims + boundDims);
  const out = letters.slice(freeDims + boundDims, freeDims + boundDims + outputDims);
  return { equation: `${free}${bound},${bound}${out}->${free}${out}`, biasAxes: out };
}

/** The projections' weights, each checked as Keras creates it (an open size is its error). */
function tensorsOf(layer: TfLayer, projections: readonly Projection[]): ParamTensor[] {
  for (const p of projections) {
    checkDefined(layer, `${p.name}/kernel`, p.kernel);
    if (p.bias) checkDefined(layer, `${p.name}/bias`, p.bias);
  }
  return projections.flatMap((p) => [
    { name: `${p.name}/kernel`, shape: p.kernel, trainable: true },
    ...(p.bias ? [{ name: `${p.name}/bias`, shape: p.bias, trainable: true }] : []),
  ]);
}

/** Keras's check that value and key agree on every axis but the last (its words). */
function valueKeyMismatch(value: Shape, key: Shape): EngineIssue | null {
  const same = value.length === key.length && value.slice(1, -1).every((d, i) => d === key[i + 1] || (Number.isNaN(d) && Number.isNaN(key[i + 1])));
  if (same) return null;
  return issue(
    'error',
    'tf.attention-shapes',
    `All dimensions of \`value\` and \`key\`, except the last one, must be equal. Received: value_shape=${tfShapeText(value, 'keras')} and key_shape=${tfShapeText(key, 'keras')}`,
  );
}

/** Python's TypeError for `mha(query)`: the call binds its arguments before anything else. */
const missingValue = issue('error', 'tf.attention-inputs', "missing a required argument: 'value'");

function applyMultiHead(layer: TfLayer, inputs: readonly Shape[], call: BoundArgs): FamilyResult {
  if (inputs.length === 1) return { output: null, steps: null, issues: [missingValue] };
  if (inputs.length > 3 || inputs.some((s) => s.length < 2)) {
    const message = `${layer.kind} is modelled for a query, a value and an optional key of rank 2 or more; shapes stop here.`;
    return { output: null, steps: null, issues: [issue('info', 'tf.attention-inputs', message)] };
  }
  const [query, value] = inputs;
  const key = inputs[2] ?? value;
  const mismatch = valueKeyMismatch(value, key);
  if (mismatch) return { output: null, steps: null, issues: [mismatch] };
  const heads = requiredIntArg(layer.args, 'num_heads');
  const keyDim = requiredIntArg(layer.args, 'key_dim');
  const valueDim = typeof layer.args.value_dim === 'number' && layer.args.value_dim > 0 ? layer.args.value_dim : keyDim;
  const useBias = boolArgOrDefault(layer.args, 'use_bias', true);
  const rawShape = layer.args.output_shape;
  const outputShape = typeof rawShape === 'number' && rawShape !== 0 ? [rawShape] : Array.isArray(rawShape) && rawShape.length > 0 ? (rawShape as number[]) : null;
  const finalShape = outputShape ?? [query[query.length - 1]];
  const project = (name: string, input: Shape, dims: number[]): Projection => {
    const { equation, biasAxes } = projectionEquation(input.length - 1, 1, 2);
    return projection(name, equation, input, [...new Array<null>(input.length - 2).fill(null), ...dims], useBias ? biasAxes : null);
  };
  const projections = [project('query', query, [heads, keyDim]), project('key', key, [heads, keyDim])];
  if (boolArgOrDefault(layer.args, 'use_gate', false)) projections.push(project('gate', query, [heads, valueDim]));
  projections.push(project('value', value, [heads, valueDim]));
  const combined = [...query.slice(0, -1), heads, valueDim];
  const out = projectionEquation(query.length - 1, 2, finalShape.length);
  projections.push(projection('attention_output', out.equation, combined, [...new Array<null>(query.length - 2).fill(null), ...finalShape], useBias ? out.biasAxes : null));
  // The scores as computed: batch axes (with the heads), then the query's and the key's attention axes.
  const rank = query.length + 1;
  const rawAxes = layer.args.attention_axes;
  const axesList = typeof rawAxes === 'number' ? [rawAxes] : Array.isArray(rawAxes) && rawAxes.length > 0 ? (rawAxes as number[]) : null;
  const attentionAxes = axesList ? axesList.map((a) => (a >= 0 ? a : rank - 1 + a)) : Array.from({ length: rank - 3 }, (_x, i) => i + 1);
  // Attention over the batch or the heads, or value axes that differ from the query's outside
  // the attention axes: the einsums then broadcast or fail at run time, whatever Keras's symbolic shape says.
  const sequenceAxes = (a: number): boolean => a >= 1 && a <= query.length - 2;
  const sameOutside = (other: Shape): boolean => other.length === query.length && query.slice(1, -1).every((d, i) => attentionAxes.includes(i + 1) || d === other[i + 1]);
  if (!attentionAxes.every(sequenceAxes) || !sameOutside(value)) {
    const message = `${layer.kind} with these attention axes or value shape broadcasts at run time; shapes stop here.`;
    return { output: null, steps: null, issues: [issue('info', 'tf.attention-inputs', message)] };
  }
  const projectedQuery = [...query.slice(0, -1), heads, keyDim];
  const projectedKey = [...key.slice(0, -1), heads, keyDim];
  const batchAxes = Array.from({ length: rank }, (_x, i) => i).filter((i) => !attentionAxes.includes(i) && i !== rank - 1);
  const scores = [...batchAxes.map((i) => projectedQuery[i]), ...attentionAxes.map((i) => projectedQuery[i]), ...attentionAxes.map((i) => projectedKey[i])];
  const output = [...query.slice(0, -1), ...(outputShape ?? [query[query.length - 1]])];
  const macs = addCounts(...projections.map((p) => p.macs), multiplyCounts(...scores, keyDim), multiplyCounts(...scores, valueDim));
  return withScores(layer, output, scores, call, { macs, steps: null, paramTensors: tensorsOf(layer, projections) });
}

/** GroupQueryAttention's check that query and value have one width (its words). */
function featureMismatch(query: Shape, value: Shape): EngineIssue {
  const width = (s: Shape): string => pyRepr(Number.isNaN(s[s.length - 1]) ? null : s[s.length - 1]);
  const message = `The last dimension of \`query_shape\` and \`value_shape\` must be equal, but are ${width(query)}, ${width(value)}. Received: query_shape=${tfShapeText(query, 'keras')}, value_shape=${tfShapeText(value, 'keras')}`;
  return issue('error', 'tf.attention-shapes', message);
}

function applyGroupedQuery(layer: TfLayer, inputs: readonly Shape[], call: BoundArgs): FamilyResult {
  if (inputs.length === 1) return { output: null, steps: null, issues: [missingValue] };
  const notModelled: FamilyResult = {
    output: null,
    steps: null,
    issues: [issue('info', 'tf.attention-inputs', `${layer.kind} is modelled for rank-3 query, value and key only; shapes stop here.`)],
  };
  if (inputs.length > 3) return notModelled;
  const [query, value] = inputs;
  const key = inputs[2] ?? value;
  // build() indexes three axes of each input ("bqm").
  if ([query, value, key].some((s) => s.length < 3)) throw kerasError('tf.bad-axis', 'tuple index out of range');
  const lastOf = (s: Shape): number => s[s.length - 1];
  if (query.length !== 3 || value.length !== 3 || key.length !== 3) {
    // Keras builds odd weights for more axes, then checks the widths; only its error is known here.
    const same = lastOf(query) === lastOf(value) || (Number.isNaN(lastOf(query)) && Number.isNaN(lastOf(value)));
    return same ? notModelled : { output: null, steps: null, issues: [featureMismatch(query, value)] };
  }
  const headDim = requiredIntArg(layer.args, 'head_dim');
  const queryHeads = requiredIntArg(layer.args, 'num_query_heads');
  const kvHeads = requiredIntArg(layer.args, 'num_key_value_heads');
  const useBias = boolArgOrDefault(layer.args, 'use_bias', true);
  const features = query[2];
  const projections = [
    projection('query', 'bqm,muh->bquh', query, [null, queryHeads, headDim], useBias ? 'uh' : null),
    projection('key', 'bkm,mvh->bkvh', key, [null, kvHeads, headDim], useBias ? 'vh' : null),
  ];
  if (boolArgOrDefault(layer.args, 'use_gate', false)) projections.push(projection('gate', 'bqm,muh->bquh', query, [null, queryHeads, headDim], useBias ? 'uh' : null));
  projections.push(projection('value', 'bkm,mvh->bkvh', value, [null, kvHeads, headDim], useBias ? 'vh' : null));
  projections.push(projection('attention_output', 'bquh,uhm->bqm', [query[0], query[1], queryHeads, headDim], [null, features], useBias ? 'm' : null));
  const paramTensors = tensorsOf(layer, projections);
  if (!(features === value[2] || (Number.isNaN(features) && Number.isNaN(value[2])))) return { output: null, steps: null, issues: [featureMismatch(query, value)] };
  const mismatch = valueKeyMismatch(value, key);
  if (mismatch) return { output: null, steps: null, issues: [mismatch] };
  const scores = [query[0], queryHeads, query[1], key[1]];
  const macs = addCounts(...projections.map((p) => p.macs), multiplyCounts(...scores, headDim), multiplyCounts(...scores, headDim));
  return withScores(layer, [...query], scores, call, { macs, steps: null, paramTensors });
}

/** Applies one of this file's layers to its inputs; `call` holds call-time keywords (`return_attention_scores`). */
export function applyAttention(layer: TfLayer, inputs: readonly Shape[], listed: boolean, call: BoundArgs): FamilyResult {
  if (layer.kind === 'MultiHeadAttention') return applyMultiHead(layer, inputs, call);
  if (layer.kind === 'GroupQueryAttention') return applyGroupedQuery(layer, inputs, call);
  return applyDotAttention(layer, inputs, listed, call);
}

const positiveIntMessage = (name: string, value: BoundArgs[string], orNone = false): string =>
  `Received an invalid value for argument \`${name}\`, expected a positive integer${orNone ? ' or `None`' : ''}. Received: ${name}=${pyRepr(value).replace(/^'(.*)'$/, '$1')}`;

const isPositiveInt = (value: BoundArgs[string]): boolean => typeof value === 'number' && Number.isInteger(value) && value > 0;

/** Keras's constructor checks of the attention layers, in its order. */
export function attentionConstructorIssues(layer: TfLayer): EngineIssue[] {
  const args = layer.args;
  switch (layer.kind) {
    case 'Attention': {
      const mode = args.score_mode;
      if (typeof mode === 'string' && mode !== 'dot' && mode !== 'concat') {
        return [issue('error', 'tf.bad-arg', `Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. Received: score_mode=${mode}`, 'score_mode')];
      }
      return [];
    }
    case 'MultiHeadAttention': {
      if (typeof args.num_heads === 'number' && !isPositiveInt(args.num_heads)) return [issue('error', 'tf.bad-arg', positiveIntMessage('num_heads', args.num_heads), 'num_heads')];
      if (typeof args.key_dim === 'number' && !isPositiveInt(args.key_dim)) return [issue('error', 'tf.bad-arg', positiveIntMessage('key_dim', args.key_dim), 'key_dim')];
      if (typeof args.value_dim === 'number' && !isPositiveInt(args.value_dim))
        return [issue('error', 'tf.bad-arg', positiveIntMessage('value_dim', args.value_dim, true), 'value_dim')];
      const axes = args.attention_axes;
      if (typeof axes === 'string' || typeof axes === 'boolean') {
        return [issue('error', 'tf.bad-arg', `\`attention_axes\` must be an int, list, or tuple.Received: attention_axes=${String(axes)}`, 'attention_axes')];
      }
      return [];
    }
    case 'GroupQueryAttention': {
      const queryHeads = args.num_query_heads;
      const kvHeads = args.num_key_value_heads;
      if (typeof queryHeads === 'number' && typeof kvHeads === 'number' && kvHeads !== 0 && queryHeads % kvHeads !== 0) {
        return [issue('error', 'tf.bad-arg', '`num_query_heads` must be divisible by `num_key_value_heads`.', 'num_query_heads')];
      }
      return [];
    }
    default:
      return [];
  }
}
