/**
 * `Compare Conv Variants`: for one PyTorch conv, the reference comparison table (standard,
 * dilated, grouped, pointwise, depthwise separable, fully connected), each variant built
 * and applied by the engine itself (constructTorchLayer / applyTorchLayer / countParams),
 * never by a formula of its own. Like for like: every conv variant keeps the user's bias
 * choice and, where a padding can, the user's output size; the row that is the user's own
 * configuration is marked (or added first when no variant is). Pure.
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
  /** True for the row that is the user's own configuration. */
  readonly yours?: boolean;
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

/** A value as Python writes it: `(3, 3)`, `'same'`, `False`. */
function pythonText(value: ArgValue | undefined): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return JSON.stringify(value).replace(/"/g, "'").replace(/\[/g, '(').replace(/\]/g, ')');
}

function specText(spec: LayerSpec): string {
  const { in_channels: inChannels, out_channels: outChannels, kernel_size: kernel, in_features: inFeatures, out_features: outFeatures, ...rest } = spec.args;
  const positional = spec.kind === 'Linear' ? [inFeatures, outFeatures] : [inChannels, outChannels, kernel];
  const keywords = Object.entries(rest).map(([name, value]) => `${name}=${pythonText(value)}`);
  return `${spec.kind}(${[...positional.map((value) => pythonText(value)), ...keywords].join(', ')})`;
}

/**
 * The smallest padding (0 up to the dilated kernel's span) with which this conv gives the
 * `target` spatial size on `input`, or undefined when none does (a 1x1 conv cannot shrink).
 */
function paddingFor(kind: string, args: Record<string, ArgValue>, input: Shape, target: readonly number[] | undefined): number | undefined {
  if (!target) return undefined;
  const spans = [args['kernel_size'], args['dilation'] ?? 1].map((value) => (Array.isArray(value) ? value : [value]).filter((entry): entry is number => typeof entry === 'number'));
  const span = Math.max(...(spans[0] ?? []).map((k) => Math.max(...(spans[1] ?? [1])) * (k - 1)), 0);
  for (let padding = 0; padding <= span; padding += 1) {
    const constructed = constructTorchLayer(kind, bind(kind, { ...args, padding }));
    const output = constructed.layer ? applyTorchLayer(constructed.layer, input).output : null;
    if (output && output.slice(output.length - target.length).every((size, axis) => size === target[axis])) return padding;
  }
  return undefined;
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
  const noBias: Record<string, ArgValue> = args['bias'] === false ? { bias: false } : {};
  const rank = Number(rankMatch[1]);
  const spatialSize = input.slice(input.length - rank).reduce((product, size) => product * size, 1);
  const isDilated = (Array.isArray(dilation) ? dilation : [dilation]).some((d) => typeof d === 'number' && d > 1);
  const channels = { in_channels: inChannels, out_channels: outChannels, kernel_size: kernel, stride };
  // The user's own layer, written the way the rows are, and the output size every row keeps.
  const yours: LayerSpec = {
    kind,
    args: { ...channels, padding, ...(isDilated ? { dilation } : {}), ...(groups > 1 ? { groups } : {}), ...noBias },
  };
  const yoursRow = runStack('yours', [yours], input);
  const target = yoursRow.output?.slice(yoursRow.output.length - rank);
  /** A conv of this kind with `extra` arguments, padded to keep the user's output size where a padding can. */
  const conv = (extra: Record<string, ArgValue>, base: Record<string, ArgValue> = channels): LayerSpec => {
    const fitted = paddingFor(kind, { ...base, ...extra }, input, target);
    return { kind, args: { ...base, padding: fitted ?? padding, ...extra, ...noBias } };
  };
  const rows: VariantRow[] = [
    runStack(
      'fully connected',
      [{ kind: 'Linear', args: { in_features: inChannels * spatialSize, out_features: outChannels * spatialSize, ...noBias } }],
      [input[0] ?? 1, inChannels * spatialSize],
    ),
    runStack('standard', [conv({})], input),
    runStack('dilated', [conv({ dilation: isDilated ? dilation : 2 })], input),
  ];
  const grouped = variantGroups(inChannels, outChannels, groups);
  rows.push(
    grouped === undefined
      ? { label: 'grouped', layers: `no groups > 1 divide both ${inChannels} and ${outChannels}`, params: null, macs: null, receptiveField: null, output: null, problems: [] }
      : runStack('grouped', [conv({ groups: grouped })], input),
  );
  rows.push(runStack('pointwise', [conv({}, { ...channels, kernel_size: 1 })], input));
  rows.push(
    runStack(
      'depthwise separable',
      [conv({ groups: inChannels }, { ...channels, out_channels: inChannels }), { kind, args: { in_channels: inChannels, out_channels: outChannels, kernel_size: 1, ...noBias } }],
      input,
    ),
  );
  // The fully connected row's field is the whole input: every output sees every pixel.
  const fullyConnected = rows[0] as VariantRow;
  rows[0] = { ...fullyConnected, receptiveField: input.slice(input.length - rank), output: fullyConnected.output };
  // The user's configuration is marked where a row is exactly it, else it comes first.
  const own = rows.findIndex((row) => row.layers === yoursRow.layers);
  if (own >= 0) rows[own] = { ...(rows[own] as VariantRow), yours: true };
  else rows.unshift({ ...yoursRow, yours: true });
  return { input, rows };
}
