/**
 * Functional calls that compute what an `nn.Module` does (`F.relu`, `torch.sigmoid`,
 * `x.softmax(1)`, `torch.flatten(x, 1)`): in the dataflow graph they are nodes of the
 * module's kind with the module's bound constructor arguments, so they run on the layer
 * kernels. The functional parameter names after `input` are listed in the function's order.
 */
import type { ArgValue, BoundArgs } from '../../../engine/types';
import { torchSignature } from '../../../engine/torch/signatures';
import { toArgValue } from './valueConversions';
import type { Value } from './values';

interface Twin {
  readonly kind: string;
  /** The function's parameters after the input tensor, in its order. */
  readonly params: readonly string[];
  /** Where the function's default differs from the module's (`torch.flatten` starts at 0). */
  readonly defaults?: Readonly<Record<string, ArgValue>>;
}

const plain = (kind: string, ...params: string[]): Twin => ({ kind, params: [...params, 'inplace'] });

const twins: Readonly<Record<string, Twin>> = {
  relu: plain('ReLU'),
  relu6: plain('ReLU6'),
  hardswish: plain('Hardswish'),
  hardsigmoid: plain('Hardsigmoid'),
  silu: plain('SiLU'),
  mish: plain('Mish'),
  selu: plain('SELU'),
  elu: plain('ELU', 'alpha'),
  celu: plain('CELU', 'alpha'),
  leaky_relu: plain('LeakyReLU', 'negative_slope'),
  hardtanh: plain('Hardtanh', 'min_val', 'max_val'),
  gelu: { kind: 'GELU', params: ['approximate'] },
  sigmoid: { kind: 'Sigmoid', params: [] },
  tanh: { kind: 'Tanh', params: [] },
  softplus: { kind: 'Softplus', params: ['beta', 'threshold'] },
  softmax: { kind: 'Softmax', params: ['dim'] },
  log_softmax: { kind: 'LogSoftmax', params: ['dim'] },
  dropout: { kind: 'Dropout', params: ['p', 'training', 'inplace'] },
  dropout2d: { kind: 'Dropout2d', params: ['p', 'training', 'inplace'] },
  flatten: { kind: 'Flatten', params: ['start_dim', 'end_dim'], defaults: { start_dim: 0 } },
};

/** `relu_` and `F.relu_` are `relu` done in place. */
function twinOf(name: string): Twin | undefined {
  const base = name.endsWith('_') ? name.slice(0, -1) : name;
  return Object.hasOwn(twins, base) ? twins[base] : undefined;
}

/** The module twin of the function or method `name` with its bound arguments, or undefined when it has none. */
export function functionalTwin(name: string, args: readonly Value[], kwargs: ReadonlyMap<string, Value>): { kind: string; args: BoundArgs } | undefined {
  const twin = twinOf(name);
  const signature = twin && torchSignature(twin.kind);
  if (!twin || !signature) return undefined;
  const bound: Record<string, ArgValue> = {};
  for (const param of signature.params) if (param.default !== undefined) bound[param.name] = param.default;
  Object.assign(bound, twin.defaults);
  twin.params.forEach((name, index) => {
    const value = args[index] ?? kwargs.get(name);
    if (value !== undefined && name in bound) bound[name] = toArgValue(value);
  });
  return { kind: twin.kind, args: bound };
}
