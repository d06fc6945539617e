/**
 * nn.TransformerEncoder(encoder_layer, num_layers, norm) and nn.TransformerDecoder(
 * decoder_layer, num_layers, norm): `num_layers` deep copies of the layer object passed in
 * (PyTorch's `_get_clones`), run one after the other, then the optional norm module.
 * Parameters are the copies' (`layers.0.…`, `layers.1.…`) and the norm's (`norm.…`); the
 * output keeps the shape of `src` / `tgt`. A nested layer the engine cannot build (an
 * unknown value, a custom module) leaves the stack unknown.
 *
 * MACs: num_layers times the nested layer's MACs (every copy sees the same shape); a norm
 * counts 0, like the norms everywhere else.
 */
import type { ArgValue, BoundArgs, ParamTensor, Shape } from '../types';
import { isLayerArgValue } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { multiplyCounts, ZERO_COUNT } from '../exactCount';
import { torchError } from './args';
import { applyTransformerLayer, constructTransformerLayer } from './attention';
import { applyNorm, constructNorm, normKinds } from './norms';

/** The class each stack's `forward` can run: an encoder stack calls its layers with `src_mask=`, a decoder's with memory. */
const stackedKinds: Readonly<Record<string, { argument: string; layerKind: string }>> = {
  TransformerEncoder: { argument: 'encoder_layer', layerKind: 'TransformerEncoderLayer' },
  TransformerDecoder: { argument: 'decoder_layer', layerKind: 'TransformerDecoderLayer' },
};

/** The built nested layer and norm of a stack, or null when either cannot be known. */
interface StackParts {
  readonly layer: TorchLayer;
  readonly count: number;
  readonly norm: TorchLayer | null;
}

/** Python's type name in `range()`'s TypeError, for the values a JSON or literal argument can hold. */
function rangeTypeError(value: ArgValue | undefined): string | null {
  if (typeof value === 'number' && !Number.isInteger(value)) return 'float';
  if (typeof value === 'string') return 'str';
  if (value === null) return 'NoneType';
  return null;
}

/**
 * Builds a nested layer argument with the rule for its kind: the layer, its constructor's
 * refusal (which PyTorch raises before the stack exists), or null when the stack cannot follow it.
 */
function buildNested(value: ArgValue | undefined, kinds: readonly string[], build: (kind: string, args: BoundArgs) => ConstructResult): TorchLayer | ConstructResult | null {
  if (!isLayerArgValue(value) || !kinds.includes(value.layerClass)) return null;
  const built = build(value.layerClass, value.layerArgs);
  if (!built.layer) return built;
  return built.layer.paramsUnknown ? null : built.layer;
}

const isRefusal = (built: TorchLayer | ConstructResult | null): built is ConstructResult => built !== null && 'issues' in built;

function stackParts(kind: string, args: BoundArgs): StackParts | ConstructResult | null {
  const stacked = stackedKinds[kind];
  const layer = buildNested(args[stacked.argument], [stacked.layerKind], constructTransformerLayer);
  const norm = args.norm === null ? null : buildNested(args.norm, normKinds, constructNorm);
  if (isRefusal(layer)) return layer;
  if (isRefusal(norm)) return norm;
  const typeName = rangeTypeError(args.num_layers);
  if (typeName) return { layer: null, issues: [torchError('torch.type-error', `'${typeName}' object cannot be interpreted as an integer`, 'num_layers')] };
  const count = typeof args.num_layers === 'boolean' ? Number(args.num_layers) : args.num_layers;
  if (typeof count !== 'number' || !layer || (args.norm !== null && !norm)) return null;
  return { layer, count: Math.max(count, 0), norm };
}

const isParts = (parts: StackParts | ConstructResult | null): parts is StackParts => parts !== null && 'count' in parts;

export function constructTransformerStack(kind: string, args: BoundArgs): ConstructResult {
  const parts = stackParts(kind, args);
  if (!isParts(parts)) return parts ?? { layer: { kind, args, params: [], paramsUnknown: true }, issues: [] };
  const params: ParamTensor[] = [];
  for (let index = 0; index < parts.count; index += 1) for (const tensor of parts.layer.params) params.push({ ...tensor, name: `layers.${index}.${tensor.name}` });
  for (const tensor of parts.norm?.params ?? []) params.push({ ...tensor, name: `norm.${tensor.name}` });
  return { layer: { kind, args, params }, issues: [] };
}

/**
 * `forward(src)` / `forward(tgt, memory)`: the encoder reads its first layer before any
 * (an empty encoder fails there); an empty decoder hands `tgt` to the norm unchanged.
 */
export function applyTransformerStack(layer: TorchLayer, input: Shape, others: readonly Shape[] = []): ApplyResult {
  const parts = stackParts(layer.kind, layer.args);
  if (!isParts(parts)) return UNKNOWN_APPLY;
  const decoder = layer.kind === 'TransformerDecoder';
  if (!decoder && parts.count === 0) return failedApply([torchError('torch.transformer-inputs', 'index 0 is out of range', 'num_layers')]);
  let result: ApplyResult = { output: input, macs: ZERO_COUNT, steps: null, issues: [] };
  if (parts.count > 0) {
    // The encoder's further positional arguments are masks, the decoder's first is the memory.
    const once = applyTransformerLayer(parts.layer, input, decoder ? others : []);
    if (!once.output) return once;
    result = { ...once, macs: multiplyCounts(parts.count, once.macs) };
  }
  if (!parts.norm || !result.output) return result;
  const normed = applyNorm(parts.norm, result.output);
  return normed.output ? { ...result, output: normed.output, steps: null } : normed;
}
