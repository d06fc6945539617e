/**
 * `nn.EmbeddingBag`: an embedding table whose looked-up rows are reduced (sum, mean or max)
 * per bag. A 2D input is one bag per row; a 1D input is split into bags by the `offsets`
 * tensor, the call's second argument. With include_last_offset the last offset only closes
 * the last bag. The output is (bags, embedding_dim); a lookup counts 0 MACs.
 */
import type { BoundArgs, Shape } from '../types';
import type { ApplyResult, ConstructResult, TorchLayer } from './layerResults';
import { failedApply, UNKNOWN_APPLY } from './layerResults';
import { ZERO_COUNT } from '../exactCount';
import { boolArgOrNull, intArgOrNull, torchError } from './args';
import { constructTable } from './recurrent';

export function constructEmbeddingBag(kind: string, args: BoundArgs): ConstructResult {
  return constructTable(kind, args, 'padding_idx must be within num_embeddings');
}

const fail = (code: string, message: string, arg?: string): ApplyResult => failedApply([torchError(code, message, arg)]);

/**
 * `F.embedding_bag`'s checks in order. Offsets given by keyword, or of unknown shape, do not
 * reach `others`: a 1D input without them is left unknown rather than reported.
 */
export function applyEmbeddingBag(layer: TorchLayer, input: Shape, others: readonly Shape[] = []): ApplyResult {
  const [dim, lastOffset] = [intArgOrNull(layer.args, 'embedding_dim'), boolArgOrNull(layer.args, 'include_last_offset')];
  const offsets = others[0];
  let bags: number;
  if (input.length === 2) {
    if (offsets) {
      return fail(
        'torch.embedding-bag-offsets',
        "if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences. However, found offsets of type <class 'torch.Tensor'>",
      );
    }
    if (input[1] === 0) return fail('torch.embedding-bag-offsets', 'step must be nonzero');
    bags = input[0];
  } else if (input.length === 1) {
    if (!offsets || others.length > 1) return UNKNOWN_APPLY;
    if (offsets.length !== 1) return fail('torch.embedding-bag-offsets', 'offsets has to be a 1D Tensor');
    bags = offsets[0];
  } else {
    return fail('torch.input-rank', `input has to be 1D or 2D Tensor, but got Tensor of dimension ${input.length}`);
  }
  const mode = layer.args.mode;
  if (typeof mode === 'string' && !['sum', 'mean', 'max'].includes(mode)) return fail('torch.embedding-bag-mode', 'mode has to be one of sum, mean or max', 'mode');
  if (dim === null || lastOffset === null || typeof mode !== 'string' || others.length > 1) return UNKNOWN_APPLY;
  const rows = lastOffset ? bags - 1 : bags;
  return rows < 0 ? UNKNOWN_APPLY : { output: [rows, dim], macs: ZERO_COUNT, steps: null, issues: [] };
}
