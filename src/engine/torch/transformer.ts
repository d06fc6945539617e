/**
 * `nn.Transformer`: an encoder stack over `src` and a decoder stack over `tgt` attending to
 * the encoder's output. Each stack is the `custom_encoder` / `custom_decoder` passed in, or
 * what PyTorch builds by default: a TransformerEncoder (TransformerDecoder) of
 * num_encoder_layers (num_decoder_layers) layers from the constructor's own arguments and a
 * final LayerNorm. Its parameters are the two stacks' (`encoder.…`, `decoder.…`); its output
 * has the shape of `tgt`, the call's second argument. A custom stack of another class is not
 * followed.
 */
import type { ArgValue, BoundArgs, ParamTensor, Shape } from '../types';
import { isLayerArgValue } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { addCounts } from '../exactCount';
import { boolArgOrNull, intArgOrNull, torchError } from './args';
import { applyTransformerStack, constructTransformerStack } from './transformerStacks';

const stacks = {
  encoder: { kind: 'TransformerEncoder', layerKind: 'TransformerEncoderLayer', argument: 'encoder_layer' },
  decoder: { kind: 'TransformerDecoder', layerKind: 'TransformerDecoderLayer', argument: 'decoder_layer' },
} as const;
type Stack = keyof typeof stacks;

/** The arguments nn.Transformer hands on to each layer it builds. */
const layerArgNames = ['d_model', 'nhead', 'dim_feedforward', 'dropout', 'activation', 'layer_norm_eps', 'batch_first', 'norm_first'];

/** A stack as a layer argument: the custom one passed in, or PyTorch's default stack. */
function stackArg(args: BoundArgs, stack: Stack): ArgValue {
  const custom = args[`custom_${stack}`];
  if (custom !== null && custom !== undefined) return custom;
  const { kind, layerKind, argument } = stacks[stack];
  const layerArgs = Object.fromEntries(layerArgNames.filter((name) => args[name] !== undefined).map((name) => [name, args[name]]));
  const norm = { layerClass: 'LayerNorm', layerArgs: { normalized_shape: args.d_model, eps: args.layer_norm_eps ?? 1e-5, elementwise_affine: true } };
  return { layerClass: kind, layerArgs: { [argument]: { layerClass: layerKind, layerArgs }, num_layers: args[`num_${stack}_layers`], norm } };
}

/** Both stacks built, or the constructor's refusal, or null when one cannot be followed. */
function buildStacks(args: BoundArgs): Record<Stack, TorchLayer> | ConstructResult | null {
  const built: Partial<Record<Stack, TorchLayer>> = {};
  for (const stack of ['encoder', 'decoder'] as const) {
    const value = stackArg(args, stack);
    if (!isLayerArgValue(value) || value.layerClass !== stacks[stack].kind) return null;
    const result = constructTransformerStack(value.layerClass, value.layerArgs);
    if (!result.layer) return result;
    if (result.layer.paramsUnknown) return null;
    built[stack] = result.layer;
  }
  return built as Record<Stack, TorchLayer>;
}

const isBuilt = (built: Record<Stack, TorchLayer> | ConstructResult | null): built is Record<Stack, TorchLayer> => built !== null && 'encoder' in built;

export function constructTransformer(kind: string, args: BoundArgs): ConstructResult {
  const built = buildStacks(args);
  if (!isBuilt(built)) return built ?? { layer: { kind, args, params: [], paramsUnknown: true }, issues: [] };
  const params: ParamTensor[] = [];
  for (const stack of ['encoder', 'decoder'] as const) for (const tensor of built[stack].params) params.push({ ...tensor, name: `${stack}.${tensor.name}` });
  return { layer: { kind, args, params }, issues: [] };
}

const fail = (message: string, arg?: string): ApplyResult => failedApply([torchError('torch.transformer-inputs', message, arg)]);

/** `Transformer.forward(src, tgt)`: its own batch and width checks, then the encoder, then the decoder on its output. */
export function applyTransformer(layer: TorchLayer, input: Shape, others: readonly Shape[] = []): ApplyResult {
  const target = others[0];
  const built = buildStacks(layer.args);
  const [model, batchFirst] = [intArgOrNull(layer.args, 'd_model'), boolArgOrNull(layer.args, 'batch_first')];
  if (!target || !isBuilt(built) || model === null || batchFirst === null || input.length === 0 || target.length === 0) return UNKNOWN_APPLY;
  const batchDim = batchFirst ? 0 : 1;
  if (input.length === 3 && target.length > batchDim && input[batchDim] !== target[batchDim]) return fail('the batch number of src and tgt must be equal');
  if (input[input.length - 1] !== model || target[target.length - 1] !== model) return fail('the feature number of src and tgt must be equal to d_model', 'd_model');
  const memory = applyTransformerStack(built.encoder, input);
  if (!memory.output) return memory;
  const decoded = applyTransformerStack(built.decoder, target, [memory.output]);
  if (!decoded.output) return decoded;
  return { output: decoded.output, macs: addCounts(memory.macs, decoded.macs), steps: null, issues: [] };
}
