/**
 * The tensor operations a dataflow graph names (nodes that are not layer calls), with the
 * arguments each carries. Builders resolve every argument to plain numbers before making a
 * node: dims non-negative, sizes without -1, slices with concrete bounds. Kernels read only
 * these arguments, the input tensors and the node's known output shape.
 */

/** Operation kinds and their `args` (see `modelGraph.ts` for the conventions). */
export const opKinds = {
  /** Elementwise with broadcasting. One tensor input + `other` (a number) and `reversed` (true for `2 - x`) or two tensor inputs. */
  add: ['other', 'reversed', 'alpha'],
  sub: ['other', 'reversed', 'alpha'],
  mul: ['other', 'reversed'],
  div: ['other', 'reversed', 'rounding_mode'],
  pow: ['other', 'reversed'],
  maximum: [],
  minimum: [],
  matmul: [],
  /** Elementwise unary without an nn twin. `clamp`: `min`, `max` (null = no bound). */
  neg: [],
  abs: [],
  exp: [],
  log: [],
  sqrt: [],
  rsqrt: [],
  clamp: ['min', 'max'],
  /** Same values, new shape (`view`, `reshape`, `flatten` on a non-twin path, `squeeze`, `unsqueeze`, `view_as`, `expand` excluded): the kernel reshapes to `output`. */
  reshape: [],
  /** `permute(*dims)`; `transpose(d0, d1)` and `.T` become a permute too. */
  permute: ['dims'],
  /** `expand` / `expand_as` / `repeat`: broadcast to `output` (repeat: `repeats`). */
  expand: [],
  repeat: ['repeats'],
  cat: ['dim'],
  stack: ['dim'],
  /** `split` and `chunk`: one output per entry of `sizes` along `dim`. `unbind`: sizes of 1, each squeezed. */
  split: ['dim', 'sizes'],
  unbind: ['dim'],
  /**
   * Indexing and slicing, one entry per input axis after `...` is expanded: a number picks
   * (drops the axis), `[start, stop, step]` slices (non-negative, stop exclusive; bounds past
   * the axis are clamped as Python does). `null` (`None`) entries add size-1 axes.
   */
  getitem: ['index'],
  /** `F.pad`: `pad` as PyTorch orders it (last dim first), `mode` constant/reflect/replicate/circular, `value`. `tf.mirrorPad` adds mode symmetric (the edge value repeated). */
  pad: ['pad', 'mode', 'value'],
  /** Reductions. `dim`: the axes (null or empty = all), `keepdim`. `max`/`min` with a dim give values only (the indices output is not modelled). */
  mean: ['dim', 'keepdim'],
  sum: ['dim', 'keepdim'],
  amax: ['dim', 'keepdim'],
  amin: ['dim', 'keepdim'],
  /** `torch.softmax` etc. have layer twins; `F.normalize`: `p` (the string `'inf'` for infinity: JSON has none), `dim`, `eps`. */
  normalize: ['p', 'dim', 'eps'],
  /** `x.contiguous()`, `.clone()`, `.float()`, `.detach()`, `.to(...)`: the same values. */
  identity: [],
} as const satisfies Record<string, readonly string[]>;

export type OpKind = keyof typeof opKinds;

export function isOpKind(kind: string): kind is OpKind {
  return Object.prototype.hasOwnProperty.call(opKinds, kind);
}
