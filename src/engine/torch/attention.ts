/**
 * nn.MultiheadAttention, nn.TransformerEncoderLayer and nn.TransformerDecoderLayer: the
 * parameter tensors `named_parameters()` lists, the checks `F.multi_head_attention_forward`
 * makes in order (with PyTorch's words), and the outputs: attention returns
 * `(attn_output, attn_weights)` (weights averaged over heads), the transformer layers keep
 * their target's shape.
 *
 * MACs: the query, key, value and output projections (one per weight entry and row), plus
 * the scores `Q·Kᵀ` and the weighted sum `softmax·V` (target x source x embed_dim each per
 * batch item); the feed-forward block counts as its two Linear layers. Softmax, dropout,
 * LayerNorm and residual additions are not counted.
 */
import type { BoundArgs, ExactCount, ParamTensor, Shape } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { addCounts, multiplyCounts } from '../exactCount';
import { boolArgOrNull, intArgOrNull, torchError, torchShapeText } from './args';

interface AttentionSpec {
  readonly embed: number;
  readonly heads: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly bias: boolean;
  readonly biasKv: boolean;
  readonly zeroAttn: boolean;
  readonly batchFirst: boolean;
}

const fail = (code: string, message: string, arg?: string): ApplyResult => failedApply([torchError(code, message, arg)]);
const tensor = (name: string, shape: number[]): ParamTensor => ({ name, shape, trainable: true });
const torchSize = (shape: Shape): string => `torch.Size(${torchShapeText(shape)})`;
const product = (shape: Shape): number => shape.reduce((total, size) => total * size, 1);

/** The parameters of one attention block, in registration order, under `prefix`. */
function attentionParams(prefix: string, spec: AttentionSpec): ParamTensor[] {
  const { embed, kdim, vdim } = spec;
  const params =
    kdim === embed && vdim === embed
      ? [tensor(`${prefix}in_proj_weight`, [3 * embed, embed])]
      : [tensor(`${prefix}q_proj_weight`, [embed, embed]), tensor(`${prefix}k_proj_weight`, [embed, kdim]), tensor(`${prefix}v_proj_weight`, [embed, vdim])];
  if (spec.bias) params.push(tensor(`${prefix}in_proj_bias`, [3 * embed]));
  if (spec.biasKv) params.push(tensor(`${prefix}bias_k`, [1, 1, embed]), tensor(`${prefix}bias_v`, [1, 1, embed]));
  params.push(tensor(`${prefix}out_proj.weight`, [embed, embed]));
  if (spec.bias) params.push(tensor(`${prefix}out_proj.bias`, [embed]));
  return params;
}

/** The attention block's settings, or null when one is unknown. */
function attentionSpec(args: BoundArgs, embedName: string, headsName: string): AttentionSpec | null {
  const embed = intArgOrNull(args, embedName);
  const heads = intArgOrNull(args, headsName);
  const kdim = args.kdim === null || args.kdim === undefined ? embed : intArgOrNull(args, 'kdim');
  const vdim = args.vdim === null || args.vdim === undefined ? embed : intArgOrNull(args, 'vdim');
  const flag = (name: string): boolean | null => (args[name] === undefined ? false : boolArgOrNull(args, name));
  const bias = args.bias === undefined ? true : boolArgOrNull(args, 'bias');
  const [biasKv, zeroAttn, batchFirst] = ['add_bias_kv', 'add_zero_attn', 'batch_first'].map(flag);
  if (embed === null || heads === null || kdim === null || vdim === null || bias === null || biasKv === null || zeroAttn === null || batchFirst === null) return null;
  return { embed, heads, kdim, vdim, bias, biasKv, zeroAttn, batchFirst };
}

/** The constructor's one check (`embed_dim // num_heads * num_heads == embed_dim`). */
function headsError(spec: AttentionSpec): ConstructResult | null {
  if (spec.heads === 0) return { layer: null, issues: [torchError('torch.attention-heads', 'integer division or modulo by zero', 'num_heads')] };
  if (Math.floor(spec.embed / spec.heads) * spec.heads === spec.embed) return null;
  return { layer: null, issues: [torchError('torch.attention-heads', 'embed_dim must be divisible by num_heads', 'num_heads')] };
}

export function constructAttention(kind: string, args: BoundArgs): ConstructResult {
  const spec = attentionSpec(args, 'embed_dim', 'num_heads');
  if (!spec) return { layer: { kind, args, params: [], paramsUnknown: true }, issues: [] };
  return headsError(spec) ?? { layer: { kind, args, params: attentionParams('', spec) }, issues: [] };
}

interface AttentionCall {
  readonly output: Shape;
  readonly weights: Shape;
  readonly macs: ExactCount;
}

/**
 * `F.multi_head_attention_forward` on (query, key, value), in PyTorch's order of checks.
 * `keyIsValue` is true when one tensor is passed as both (the decoder's memory): PyTorch then
 * projects them with one packed weight, which shows in its shape-mismatch message.
 */
function attend(spec: AttentionSpec, query: Shape, key: Shape, value: Shape, keyIsValue: boolean): AttentionCall | ApplyResult {
  if (query.length !== 2 && query.length !== 3) return fail('torch.input-rank', `query should be unbatched 2D or batched 3D tensor but received ${query.length}-D query tensor`);
  const batched = query.length === 3;
  if (key.length !== query.length || value.length !== query.length) {
    const which = batched ? 'For batched (3-D) `query`, expected `key` and `value` to be 3-D' : 'For unbatched (2-D) `query`, expected `key` and `value` to be 2-D';
    return fail('torch.input-rank', `${which} but found ${key.length}-D and ${value.length}-D tensors respectively`);
  }
  // Sequence-first 3-D views, as the module and F see them after batch_first and unsqueeze.
  const view = (shape: Shape): Shape => (!batched ? [shape[0], 1, shape[1]] : spec.batchFirst ? [shape[1], shape[0], shape[2]] : shape);
  const [q, k, v] = [view(query), view(key), view(value)];
  const { embed } = spec;
  if (q[2] !== embed) return fail('torch.attention-embed', `was expecting embedding dimension of ${embed}, but got ${q[2]}`, 'embed_dim');
  const packed = spec.kdim === embed && spec.vdim === embed;
  if (packed && (k[0] !== v[0] || k[1] !== v[1] || k[2] !== v[2])) return fail('torch.attention-key-value', `key shape ${torchSize(k)} does not match value shape ${torchSize(v)}`);
  if (!packed && (k[0] !== v[0] || k[1] !== v[1])) {
    return fail('torch.attention-key-value', `key's sequence and batch dims ${torchSize(k.slice(0, 2))} do not match value's ${torchSize(v.slice(0, 2))}`);
  }
  if (packed && k[2] !== embed) {
    const width = keyIsValue ? 2 * embed : embed;
    return fail('torch.linear-mismatch', `mat1 and mat2 shapes cannot be multiplied (${product(k.slice(0, 2))}x${k[2]} and ${embed}x${width})`);
  }
  if (!packed && k[2] !== spec.kdim) return fail('torch.attention-key-dim', `expecting key weights shape of (${embed}, ${k[2]}), but got ${torchSize([embed, spec.kdim])}`, 'kdim');
  if (!packed && v[2] !== spec.vdim)
    return fail('torch.attention-value-dim', `expecting value weights shape of (${embed}, ${v[2]}), but got ${torchSize([embed, spec.vdim])}`, 'vdim');
  // A batch that differs between query and key fails after the projections: appending
  // bias_k (repeated over the query's batch) to the key, or splitting the key into heads.
  if (k[1] !== q[1] && spec.biasKv) {
    return fail('torch.attention-batch', `Sizes of tensors must match except in dimension 0. Expected size ${k[1]} but got size ${q[1]} for tensor number 1 in the list.`);
  }
  if (k[1] !== q[1]) {
    const headDim = Math.floor(embed / spec.heads);
    return fail('torch.attention-batch', `shape '[${k[0]}, ${q[1] * spec.heads}, ${headDim}]' is invalid for input of size ${k[0] * k[1] * embed}`);
  }
  const [target, batch] = [q[0], q[1]];
  const source = k[0] + (spec.biasKv ? 1 : 0) + (spec.zeroAttn ? 1 : 0);
  const macs = addCounts(
    multiplyCounts(2, target, batch, embed, embed),
    multiplyCounts(k[0], batch, embed, spec.kdim + spec.vdim),
    multiplyCounts(2, batch, target, source, embed),
  );
  return { output: query, weights: batched ? [batch, target, source] : [target, source], macs };
}

const isCall = (result: AttentionCall | ApplyResult): result is AttentionCall => 'weights' in result;

/** nn.MultiheadAttention(query, key, value) -> (attn_output, attn_weights). */
export function applyAttention(layer: TorchLayer, input: Shape, others: readonly Shape[] = []): ApplyResult {
  const spec = attentionSpec(layer.args, 'embed_dim', 'num_heads');
  if (!spec || others.length < 2) return UNKNOWN_APPLY;
  const call = attend(spec, input, others[0], others[1], false);
  if (!isCall(call)) return call;
  return { output: call.output, outputs: [call.output, call.weights], macs: call.macs, steps: null, issues: [] };
}

/** A transformer layer's attention blocks: d_model wide, nhead heads, packed, with biases. */
function transformerSpec(args: BoundArgs): { spec: AttentionSpec; feedForward: number; normFirst: boolean } | null {
  const spec = attentionSpec({ ...args, kdim: null, vdim: null, bias: true, add_bias_kv: false, add_zero_attn: false }, 'd_model', 'nhead');
  const feedForward = intArgOrNull(args, 'dim_feedforward');
  const normFirst = boolArgOrNull(args, 'norm_first');
  return spec && feedForward !== null && normFirst !== null ? { spec, feedForward, normFirst } : null;
}

export function constructTransformerLayer(kind: string, args: BoundArgs): ConstructResult {
  const settings = transformerSpec(args);
  if (!settings) return { layer: { kind, args, params: [], paramsUnknown: true }, issues: [] };
  const { spec, feedForward } = settings;
  const error = headsError(spec);
  if (error) return error;
  const d = spec.embed;
  const decoder = kind === 'TransformerDecoderLayer';
  const params = [
    ...attentionParams('self_attn.', spec),
    ...(decoder ? attentionParams('multihead_attn.', spec) : []),
    tensor('linear1.weight', [feedForward, d]),
    tensor('linear1.bias', [feedForward]),
    tensor('linear2.weight', [d, feedForward]),
    tensor('linear2.bias', [d]),
  ];
  for (const norm of decoder ? [1, 2, 3] : [1, 2]) params.push(tensor(`norm${norm}.weight`, [d]), tensor(`norm${norm}.bias`, [d]));
  return { layer: { kind, args, params }, issues: [] };
}

/** Encoder: self-attention then feed-forward; decoder: self-attention, attention over memory, feed-forward. */
export function applyTransformerLayer(layer: TorchLayer, input: Shape, others: readonly Shape[] = []): ApplyResult {
  const settings = transformerSpec(layer.args);
  const memory = others[0];
  const decoder = layer.kind === 'TransformerDecoderLayer';
  if (!settings || (decoder && !memory)) return UNKNOWN_APPLY;
  const { spec, feedForward, normFirst } = settings;
  const d = spec.embed;
  if (normFirst && input[input.length - 1] !== d) {
    return fail('torch.layernorm-shape', `Given normalized_shape=[${d}], expected input with shape [*, ${d}], but got input of size${torchShapeText(input)}`, 'd_model');
  }
  const selfCall = attend(spec, input, input, input, true);
  if (!isCall(selfCall)) return selfCall;
  let macs = addCounts(selfCall.macs, multiplyCounts(2, product(input.slice(0, -1)), d, feedForward));
  if (decoder) {
    const crossCall = attend(spec, input, memory, memory, true);
    if (!isCall(crossCall)) return crossCall;
    macs = addCounts(macs, crossCall.macs);
  }
  return { output: input, macs, steps: null, issues: [] };
}
