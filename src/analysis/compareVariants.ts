/**
 * `Compare Conv Variants`: for one PyTorch conv, the reference comparison table (standard,
 * dilated, grouped, pointwise, depthwise separable, fully connected), each variant built
 * and applied by the engine itself (constructTorchLayer / applyTorchLayer / countParams),
 * never by a formula of its own. Pure.
 */
import type { ArgValue, BoundArgs, EngineIssue, Shape } from '../engine/types';
import { constructTorchLayer, applyTorchLayer, countParams } from '../engine/torch/layers';
import { extendReceptiveField } from '../engine/receptiveField';
import { torchSignature } from '../engine/torch/signatures';

export interface VariantRow {
  readonly label: string;
  /** The layer(s) of the variant in PyTorch syntax, e.g. `Conv2d(3, 30, 10, groups=3)`. */
  readonly layers: string;
  readonly params: number | null;
  readonly macs: number | null;
  readonly receptiveField: readonly number[] | null;
  readonly output: Shape | null;
  /** Errors the framework would raise for this variant (e.g. a dilated kernel larger than the input). */
  readonly problems: readonly string[];
}

export interface VariantComparison {
  readonly input: Shape;
  readonly rows: readonly VariantRow[];
}

interface LayerSpec {
  readonly kind: string;
  readonly args: Record<string, ArgValue>;
}

/** Binds keyword arguments to the full signature with PyTorch's defaults filled in. */
function bind(kind: string, given: Record<string, ArgValue>): BoundArgs {
  const bound: Record<string, ArgValue> = {};
  for (const param of torchSignature(kind)?.params ?? []) {
    if (param.name in given) bound[param.name] = given[param.name] as ArgValue;
    else if ('default' in param) bound[param.name] = param.default as ArgValue;
  }
  return bound;
}

function specText(spec: LayerSpec): string {
  const { in_channels: inChannels, out_channels: outChannels, kernel_size: kernel, in_features: inFeatures, out_features: outFeatures, ...rest } = spec.args;
  const positional = spec.kind === 'Linear' ? [inFeatures, outFeatures] : [inChannels, outChannels, kernel];
  const keywords = Object.entries(rest).map(([name, value]) => `${name}=${JSON.stringify(value).replace(/"/g, "'")}`);
  return `${spec.kind}(${[...positional.map((value) => JSON.stringify(value).replace(/\[/g, '(').replace(/\]/g, ')')), ...keywords].join(', ')})`;
}

/** Runs a stack of layers on `input` through the engine; null fields where the engine says unknown or error. */
function runStack(label: string, specs: readonly LayerSpec[], input: Shape): VariantRow {
  const problems: string[] = [];
  let params: number | null = 0;
  let macs: number | null = 0;
  let shape: Shape | null = input;
  let field: ReturnType<typeof extendReceptiveField> | null = null;
  let spatial = true;
  const collect = (issues: readonly EngineIssue[]): void => {
    for (const issue of issues) if (issue.severity === 'error') problems.push(issue.message);
  };
  for (const spec of specs) {
    const constructed = constructTorchLayer(spec.kind, bind(spec.kind, spec.args));
    collect(constructed.issues);
    if (!constructed.layer) {
      params = null;
      macs = null;
      shape = null;
      break;
    }
    const counted = countParams(constructed.layer);
    params = params === null ? null : params + counted.total.value;
    if (shape) {
      const applied = applyTorchLayer(constructed.layer, shape);
      collect(applied.issues);
      macs = macs === null ? null : macs + applied.macs.value;
      if (applied.steps) field = extendReceptiveField(field, applied.steps);
      else spatial = false;
      shape = applied.output;
      if (!shape) macs = null;
    }
  }
  return { label, layers: specs.map((spec) => specText(spec)).join(' + '), params, macs, receptiveField: spatial && field ? field.size : null, output: shape, problems };
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

/** The group count shown: the layer's own when it is grouped, else the largest common divisor of the channels up to 8. */
export function variantGroups(inChannels: number, outChannels: number, groups: number): number | undefined {
  if (groups > 1) return groups;
  const common = greatestCommonDivisor(inChannels, outChannels);
  for (let divisor = Math.min(common, 8); divisor > 1; divisor -= 1) if (common % divisor === 0) return divisor;
  return undefined;
}

/**
 * The six variants for a PyTorch `Conv1d/2d/3d` with these bound args, on `input`
 * (`[N, C, *spatial]`). The fully connected row maps the whole input to `out_channels`
 * maps at the input's resolution (10x10x3 -> 30 maps of 10x10 = 300 -> 3000).
 */
export function compareConvVariants(kind: string, args: BoundArgs, input: Shape): VariantComparison | string {
  const rankMatch = /^Conv([123])d$/.exec(kind);
  if (!rankMatch) return `Compare variants works on a PyTorch Conv1d/2d/3d; this is ${kind}.`;
  const inChannels = args['in_channels'];
  const outChannels = args['out_channels'];
  const kernel = args['kernel_size'];
  if (typeof inChannels !== 'number' || typeof outChannels !== 'number' || kernel === undefined) {
    return 'The channels and kernel size of this conv are not known statically.';
  }
  const stride = args['stride'] ?? 1;
  const padding = args['padding'] ?? 0;
  const dilation = args['dilation'] ?? 1;
  const groups = typeof args['groups'] === 'number' ? args['groups'] : 1;
  const rank = Number(rankMatch[1]);
  const spatialSize = input.slice(input.length - rank).reduce((product, size) => product * size, 1);
  const isDilated = (Array.isArray(dilation) ? dilation : [dilation]).some((d) => typeof d === 'number' && d > 1);
  const base = { in_channels: inChannels, out_channels: outChannels, kernel_size: kernel, stride, padding };
  const rows: VariantRow[] = [
    runStack(
      'fully connected',
      [{ kind: 'Linear', args: { in_features: inChannels * spatialSize, out_features: outChannels * spatialSize } }],
      [input[0] ?? 1, inChannels * spatialSize],
    ),
    runStack('standard', [{ kind, args: base }], input),
    runStack('dilated', [{ kind, args: { ...base, dilation: isDilated ? dilation : 2 } }], input),
  ];
  const grouped = variantGroups(inChannels, outChannels, groups);
  rows.push(
    grouped === undefined
      ? { label: 'grouped', layers: `no groups > 1 divide both ${inChannels} and ${outChannels}`, params: null, macs: null, receptiveField: null, output: null, problems: [] }
      : runStack('grouped', [{ kind, args: { ...base, groups: grouped } }], input),
  );
  rows.push(runStack('pointwise', [{ kind, args: { in_channels: inChannels, out_channels: outChannels, kernel_size: 1, stride } }], input));
  rows.push(
    runStack(
      'depthwise separable',
      [
        { kind, args: { ...base, out_channels: inChannels, groups: inChannels } },
        { kind, args: { in_channels: inChannels, out_channels: outChannels, kernel_size: 1 } },
      ],
      input,
    ),
  );
  // The fully connected row's field is the whole input: every output sees every pixel.
  const fullyConnected = rows[0] as VariantRow;
  rows[0] = { ...fullyConnected, receptiveField: input.slice(input.length - rank), output: fullyConnected.output };
  return { input, rows };
}
