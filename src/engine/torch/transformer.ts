/**
 * `nn.Transformer`: num_encoder_layers TransformerEncoderLayers over `src` and a LayerNorm,
 * then num_decoder_layers TransformerDecoderLayers over `tgt` attending to that memory and a
 * LayerNorm. Its parameters are those layers' (named as PyTorch names them); its output has
 * the shape of `tgt`, the call's second argument. Custom encoders or decoders are not followed.
 */
import type { BoundArgs, ParamTensor, Shape } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { addCounts, multiplyCounts, ZERO_COUNT } from '../exactCount';
import { boolArgOrNull, intArgOrNull, torchError } from './args';
import { applyTransformerLayer, constructTransformerLayer } from './attention';

const layerKinds = { encoder: 'TransformerEncoderLayer', decoder: 'TransformerDecoderLayer' } as const;
type Stack = keyof typeof layerKinds;

/** The number of layers of each stack, or null when unknown or replaced by a custom module. */
function depths(args: BoundArgs): Record<Stack, number> | null {
  const [encoder, decoder] = [intArgOrNull(args, 'num_encoder_layers'), intArgOrNull(args, 'num_decoder_layers')];
  const custom = [args.custom_encoder, args.custom_decoder].some((value) => value !== null && value !== undefined);
  return encoder === null || decoder === null || custom || encoder < 0 || decoder < 0 ? null : { encoder, decoder };
}

export function constructTransformer(kind: string, args: BoundArgs): ConstructResult {
  const counts = depths(args);
  const unknown: ConstructResult = { layer: { kind, args, params: [], paramsUnknown: true }, issues: [] };
  if (!counts) return unknown;
  const params: ParamTensor[] = [];
  for (const stack of ['encoder', 'decoder'] as const) {
    const built = constructTransformerLayer(layerKinds[stack], args);
    if (!built.layer) return built;
    if (built.layer.paramsUnknown) return unknown;
    for (let index = 0; index < counts[stack]; index += 1) {
      for (const tensor of built.layer.params) params.push({ ...tensor, name: `${stack}.layers.${index}.${tensor.name}` });
    }
    const width = built.layer.params.find((tensor) => tensor.name === 'norm1.weight')?.shape ?? [];
    params.push({ name: `${stack}.norm.weight`, shape: width, trainable: true }, { name: `${stack}.norm.bias`, shape: width, trainable: true });
  }
  return { layer: { kind, args, params }, issues: [] };
}

const fail = (message: string, arg?: string): ApplyResult => failedApply([torchError('torch.transformer-inputs', message, arg)]);

/** `Transformer.forward(src, tgt)`: its own batch and width checks, then every layer in turn. */
export function applyTransformer(layer: TorchLayer, input: Shape, others: readonly Shape[] = []): ApplyResult {
  const target = others[0];
  const counts = depths(layer.args);
  const [model, batchFirst] = [intArgOrNull(layer.args, 'd_model'), boolArgOrNull(layer.args, 'batch_first')];
  if (!target || !counts || model === null || batchFirst === null || input.length === 0 || target.length === 0) return UNKNOWN_APPLY;
  const batchDim = batchFirst ? 0 : 1;
  if (input.length === 3 && target.length > batchDim && input[batchDim] !== target[batchDim]) return fail('the batch number of src and tgt must be equal');
  if (input[input.length - 1] !== model || target[target.length - 1] !== model) return fail('the feature number of src and tgt must be equal to d_model', 'd_model');
  // TransformerEncoder.forward reads its first layer: an empty encoder fails there.
  if (counts.encoder === 0) return fail('index 0 is out of range', 'num_encoder_layers');
  const encoder = constructTransformerLayer(layerKinds.encoder, layer.args).layer;
  const decoder = constructTransformerLayer(layerKinds.decoder, layer.args).layer;
  if (!encoder || !decoder) return UNKNOWN_APPLY;
  const encoded = applyTransformerLayer(encoder, input);
  if (!encoded.output) return encoded;
  const decoded = counts.decoder > 0 ? applyTransformerLayer(decoder, target, [input]) : null;
  if (decoded && !decoded.output) return decoded;
  const macs = addCounts(multiplyCounts(counts.encoder, encoded.macs), decoded ? multiplyCounts(counts.decoder, decoded.macs) : ZERO_COUNT);
  return { output: target, macs, steps: null, issues: [] };
}
