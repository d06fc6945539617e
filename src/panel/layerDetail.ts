/**
 * The detail block of one layer: formulas, weight shapes and the data of its pictures
 * (receptive-field coverage, transposed-conv scatter, group wiring). Pure: the webview only
 * draws what this computes. The coverage itself is the engine's exact gridding analysis.
 */
import type { AxisStep } from '../engine/types';
import type { LayerRecord, ModelReport } from '../engine/report';
import type { GridPicture, GroupWiring, LayerDetailView } from '../protocol';
import { explainGridding, extendCoverage } from '../engine/gridding';
import type { AxisCoverage } from '../engine/gridding';
import { formatAxes, formatCount, formatKnown, formatShape } from '../analysis/format';
import { recordMacs, recordParams } from '../engine/modelTotals';
import { describeLayerArgs, isChannelsLast, isConvKind, isTransposedKind, layerArg, perAxis, spatialAxes, spatialRank } from '../analysis/describeLayer';
import { outputSizeFormulas, variantNote } from '../analysis/layerFormulas';
import { namedOutputs, sentence, shapeEffect } from '../analysis/shapeEffect';

/** Larger fields are summarised in words: a picture of more cells would be unreadable and slow. */
export const MAX_PICTURE_CELLS_PER_AXIS = 256;
/** The scatter picture uses a small input so every overlap count can be read. */
const SCATTER_INPUT_CELLS = 4;

const isWindowKind = (kind: string): boolean => (isConvKind(kind) || /Pool/.test(kind)) && !/Adaptive|Global/.test(kind);

/** The receptive-field steps of one layer per spatial axis; undefined for layers that do not move the field. */
export function axisStepsOf(record: Pick<LayerRecord, 'kind' | 'args'>): AxisStep[] | undefined {
  const rank = spatialRank(record.kind);
  if (rank === 0 || !isWindowKind(record.kind)) return undefined;
  const kernel = perAxis(layerArg(record.args, 'kernel'), rank);
  if (!kernel) return undefined;
  const strideArg = layerArg(record.args, 'stride');
  const stride = strideArg === null || strideArg === undefined ? (/Pool/.test(record.kind) ? kernel : perAxis(1, rank)) : perAxis(strideArg, rank);
  const dilation = perAxis(layerArg(record.args, 'dilation') ?? 1, rank);
  const paddingArg = layerArg(record.args, 'padding') ?? 0;
  // 'same' pads d*(k-1)//2 before in PyTorch; padding only shifts the field, it never changes coverage.
  const padding = typeof paddingArg === 'string' ? kernel.map((k, i) => (paddingArg === 'same' ? Math.floor(((dilation?.[i] ?? 1) * (k - 1)) / 2) : 0)) : perAxis(paddingArg, rank);
  if (!stride || !dilation || !padding) return undefined;
  const transposed = isTransposedKind(record.kind);
  return kernel.map((k, i) => ({ kernel: k, stride: stride[i], dilation: dilation[i], padding: padding[i], ...(transposed ? { transposed } : {}) }));
}

/**
 * The input cells one output pixel of `model.layers[index]` reads, through every earlier
 * windowed layer of the same rank in execution order. For branching models this follows the
 * execution order, not one path, so the caption says when it disagrees with the engine's field.
 */
export function coveragePicture(model: ModelReport, index: number): GridPicture | undefined {
  const record = model.layers[index];
  if (!record || !axisStepsOf(record)) return undefined;
  const rank = spatialRank(record.kind);
  let coverage: AxisCoverage[] | null = null;
  for (const layer of model.layers.slice(0, index + 1)) {
    if (spatialRank(layer.kind) !== rank) continue;
    const steps = axisStepsOf(layer);
    if (steps) coverage = extendCoverage(coverage, steps);
  }
  if (!coverage || coverage.length === 0) return undefined;
  if (coverage.some((axis) => axis.tooLarge)) {
    return { width: 0, height: 0, values: [], caption: 'The field of one output pixel is too large to analyse exactly.' };
  }
  // 3-d layers: the picture shows the last two axes (H, W); 1-d layers: one row.
  const yAxis = rank >= 2 ? coverage[rank - 2] : undefined;
  const xAxis = coverage[rank - 1];
  const width = xAxis.offsets.length;
  const height = yAxis ? yAxis.offsets.length : 1;
  const sizes = coverage.map((axis) => axis.offsets.length);
  // One receptive field everywhere: the engine's, over every path. The picture follows the
  // layers in execution order as one chain; where branches make that differ, it would show
  // another field, so it is not drawn.
  if (record.receptiveField !== null && formatAxes(record.receptiveField) !== formatAxes(sizes)) {
    return {
      width: 0,
      height: 0,
      values: [],
      caption: `${formatAxes(record.receptiveField)} over every path of the model; the cell picture is drawn only where the layers before this one form a single chain.`,
    };
  }
  const holes = coverage.reduce((sum, axis) => sum + axis.holes, 0);
  const caption = `${formatAxes(sizes)}: the input cells one output pixel reads, ${holes > 0 ? `${coverage.map((axis) => axis.holes).join('x')} holes per axis (gridding)` : 'no holes (full coverage)'}`;
  if (width > MAX_PICTURE_CELLS_PER_AXIS || height > MAX_PICTURE_CELLS_PER_AXIS) {
    return { width: 0, height: 0, values: [], caption: `${caption}; too large to draw` };
  }
  const values: number[] = new Array<number>(width * height);
  for (let y = 0; y < height; y += 1) {
    const rowReached = yAxis ? yAxis.offsets[y] : 1;
    for (let x = 0; x < width; x += 1) values[y * width + x] = rowReached & xAxis.offsets[x];
  }
  return { width, height, values, caption };
}

/**
 * The HDC explanation (Wang et al. 2018) for the dilated convolutions up to this layer, when
 * there are any: it says why the picture has holes or not; the picture itself is exact.
 */
export function griddingExplanation(model: ModelReport, index: number): string | undefined {
  const record = model.layers[index];
  const steps = record ? axisStepsOf(record) : undefined;
  if (!record || !steps || !isConvKind(record.kind)) return undefined;
  const rank = spatialRank(record.kind);
  const rates = model.layers
    .slice(0, index + 1)
    .filter((layer) => spatialRank(layer.kind) === rank && isConvKind(layer.kind) && !isTransposedKind(layer.kind))
    .map((layer) => axisStepsOf(layer)?.[0]?.dilation ?? 1);
  return rates.some((rate) => rate > 1) ? explainGridding(rates, steps[0].kernel) : undefined;
}

/** Output cells each reached by how many scattered kernel copies, along one axis. */
function scatterCounts(inputSize: number, step: AxisStep, outputPadding: number): number[] {
  const size = (inputSize - 1) * step.stride - 2 * step.padding + step.dilation * (step.kernel - 1) + outputPadding + 1;
  const counts = new Array<number>(Math.max(size, 0)).fill(0);
  for (let i = 0; i < inputSize; i += 1) {
    for (let t = 0; t < step.kernel; t += 1) {
      const position = i * step.stride + t * step.dilation - step.padding;
      if (position >= 0 && position < counts.length) counts[position] += 1;
    }
  }
  return counts;
}

/** For a transposed conv: a small input scattering kernel copies, each output cell labelled with its overlap count. */
export function scatterPicture(record: LayerRecord): GridPicture | undefined {
  if (!isTransposedKind(record.kind)) return undefined;
  const steps = axisStepsOf(record);
  if (!steps) return undefined;
  const rank = steps.length;
  const outputPaddingArg = layerArg(record.args, 'outputPadding');
  const outputPadding = perAxis(outputPaddingArg === null || outputPaddingArg === undefined ? 0 : outputPaddingArg, rank) ?? steps.map(() => 0);
  const inputAxes =
    record.input && record.input.length > rank
      ? spatialAxes(record.input, rank, isChannelsLast(record)).map((axis) => record.input?.[axis] ?? 1)
      : steps.map(() => SCATTER_INPUT_CELLS);
  const inputCells = inputAxes.map((size) => Math.min(size, SCATTER_INPUT_CELLS));
  const counts = steps.map((step, i) => scatterCounts(inputCells[i], step, outputPadding[i] ?? 0));
  const xCounts = counts[rank - 1];
  const yCounts = rank >= 2 ? counts[rank - 2] : [1];
  const values: number[] = [];
  for (const y of yCounts) for (const x of xCounts) values.push(y * x);
  const kernelText = steps.map((step) => step.kernel).join('x');
  const inText = inputCells.slice(-2).join('x');
  const outText = rank >= 2 ? `${yCounts.length}x${xCounts.length}` : `${xCounts.length}`;
  return {
    width: xCounts.length,
    height: yCounts.length,
    values,
    caption: `A ${inText} input scatters one ${kernelText} kernel copy per cell (stride ${steps.map((s) => s.stride).join('x')}) into ${outText}; numbers = overlapping copies that add up. Same size back, not the same values.`,
  };
}

/** Channel-to-group wiring for a grouped (or depthwise) conv. */
export function groupWiring(record: LayerRecord): GroupWiring | undefined {
  if (!isConvKind(record.kind)) return undefined;
  const groups = layerArg(record.args, 'groups');
  const inChannels = layerArg(record.args, 'inChannels');
  const outChannels = layerArg(record.args, 'outChannels');
  if (typeof groups !== 'number' || groups <= 1 || typeof inChannels !== 'number' || typeof outChannels !== 'number') return undefined;
  if (inChannels % groups !== 0 || outChannels % groups !== 0) return undefined;
  return { inChannels, outChannels, groups };
}

/** Everything the detail block shows for `model.layers[index]`. */
export function buildLayerDetail(model: ModelReport, index: number): LayerDetailView | undefined {
  const record = model.layers[index];
  if (!record) return undefined;
  const steps = axisStepsOf(record);
  const outputs = namedOutputs(record);
  const facts: { label: string; value: string }[] = [
    { label: 'Layer', value: `${record.path} (${record.kind})` },
    { label: 'Input', value: formatShape(record.input) },
    { label: 'Output', value: formatShape(record.output) },
    ...(outputs ? [{ label: 'Returns', value: outputs }] : []),
    { label: 'Params', value: `${formatKnown(recordParams(record))}${record.paramsUnknown ? '' : ` (trainable ${formatCount(record.trainableParams)})`}` },
    { label: 'MACs', value: formatKnown(recordMacs(record)) },
    { label: 'FLOPs', value: formatKnown(record.macsUnknown ? null : 2 * record.macs) },
    { label: 'Receptive field', value: `${formatAxes(record.receptiveField)}${record.jump ? ` (jump ${formatAxes(record.jump)})` : ''}` },
  ];
  // This layer's own window, not the field: named so the two are never confused.
  if (steps) facts.push({ label: 'Kernel extent', value: formatAxes(steps.map((step) => step.dilation * (step.kernel - 1) + 1)) });
  const notes: string[] = [];
  const effect = shapeEffect(record);
  if (effect) notes.push(sentence(effect));
  const note = variantNote(record);
  if (note) notes.push(note);
  const gridding = griddingExplanation(model, index);
  if (gridding) notes.push(...gridding.split('\n'));
  for (const issue of record.issues) notes.push(`${issue.severity}: ${issue.message}`);
  const coverage = coveragePicture(model, index);
  const scatter = scatterPicture(record);
  const wiring = groupWiring(record);
  return {
    index,
    title: describeLayerArgs(record),
    formulas: outputSizeFormulas(record),
    weightShapes: record.paramTensors.map((tensor) => `${tensor.name}: ${formatShape(tensor.shape)}${tensor.trainable ? '' : ' (not trained)'}`),
    facts,
    notes,
    ...(coverage ? { coverage } : {}),
    ...(scatter ? { scatter } : {}),
    ...(wiring ? { wiring } : {}),
  };
}
