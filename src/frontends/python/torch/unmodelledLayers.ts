/**
 * torch.nn layers the engine does not model. The engine has a rule for every layer class of
 * the PyTorch version the project checks against; the circular padding layers of later
 * versions (CircularPad{1,2,3}d) keep the shapes flowing here, so that one such layer does
 * not blind everything after it. Anything else gives a layer of unknown output with an
 * `info` finding.
 */
import type { ParamTensor, Shape } from '../../../engine/types';
import type { AnalysisContext } from '../core/context';
import type { PyNode } from '../core/syntax';
import type { Value } from '../core/values';
import { intOf, sequenceOf } from '../core/values';
import { toArgValue } from '../core/valueConversions';

/** What a front-end-only layer does to shapes and which parameters it has. */
export interface PassThroughLayer {
  readonly params: readonly ParamTensor[];
  readonly apply: (input: Shape) => Shape | null;
}

function padAmounts(value: Value | undefined, rank: number): number[] | null {
  const single = intOf(value ?? null);
  if (single !== undefined) return Array(rank * 2).fill(single);
  const items = sequenceOf(value ?? null)?.map(intOf);
  return items && items.every((item) => item !== undefined) && items.length === rank * 2 ? (items as number[]) : null;
}

function describe(kind: string, args: readonly Value[], kwargs: ReadonlyMap<string, Value>): PassThroughLayer | null {
  const pad = /^CircularPad([123])d$/.exec(kind);
  if (!pad) return null;
  const rank = Number(pad[1]);
  const amounts = padAmounts(args[0] ?? kwargs.get('padding'), rank);
  if (!amounts) return null;
  return {
    params: [],
    apply: (input) =>
      input.map((size, axis) => {
        const fromEnd = input.length - 1 - axis;
        return fromEnd < rank ? size + amounts[fromEnd * 2] + amounts[fromEnd * 2 + 1] : size;
      }),
  };
}

/** Builds a layer value for a torch.nn class the engine does not model. */
export function unmodelledLayer(context: AnalysisContext, kind: string, args: Value[], kwargs: ReadonlyMap<string, Value>, site: PyNode): Value {
  const passThrough = describe(kind, args, kwargs);
  if (!passThrough) context.report(site.range, 'info', 'unsupported', `nn.${kind} is not modelled yet: shapes after it are unknown`);
  const boundArgs = Object.fromEntries([...args.map((value, index) => [String(index), toArgValue(value)]), ...[...kwargs].map(([name, value]) => [name, toArgValue(value)])]);
  return { kind: 'layer', moduleId: context.newModuleId(), layerKind: kind, layer: null, args: boundArgs, site, passThrough };
}
