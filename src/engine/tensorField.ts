/**
 * The receptive field and gridding coverage a tensor carries from the model input, one
 * layer at a time, and the gridding warning's wording. Every front end (PyTorch, Keras,
 * TF.js) advances its tensors through this one step, so their fields and warnings agree.
 */
import type { ArgValue, AxisStep, ReceptiveField } from './types';
import type { AxisCoverage } from './gridding';
import { explainGridding, extendCoverage, griddingStartsHere, mergeCoverage, TOO_LARGE_COVERAGE } from './gridding';
import { extendReceptiveField, initialReceptiveField, mergeReceptiveFields } from './receptiveField';

/** Receptive field and gridding coverage per spatial axis of a tensor, from the model input. */
export interface TensorField {
  readonly rf: ReceptiveField;
  /** Input offsets one output pixel reaches (null = not analysed yet: a single pixel). */
  readonly coverage: readonly AxisCoverage[] | null;
  /** Dilation rates of the convolutions on the way, for the gridding message. */
  readonly dilations: readonly number[];
}

/** The field after one layer, and the holes it opened when gridding starts at this layer. */
export interface FieldStep {
  readonly field: TensorField;
  /** Holes per axis when this layer opened the first hole in the coverage (gridding starts here). */
  readonly newHoles: number[] | null;
}

/**
 * Past this many pixels per axis the field is far larger than any input the editor shows,
 * and the exact coverage would cost more than the whole file.
 */
const COVERAGE_CAP = 8192;

/** The field of a model input with `axes` spatial axes. */
export function inputField(axes: number): TensorField {
  return { rf: initialReceptiveField(axes), coverage: null, dilations: [] };
}

/**
 * The step itself, for a layer with spatial `steps` (not empty). A null `rf` or `coverage`
 * (or one with another number of axes) restarts at this layer's input, as
 * extendReceptiveField and extendCoverage do.
 */
export function stepField(
  rf: ReceptiveField | null,
  coverage: readonly AxisCoverage[] | null,
  dilations: readonly number[],
  steps: readonly AxisStep[],
  isConv: boolean,
): FieldStep {
  const sameAxes = coverage !== null && coverage.length === steps.length;
  const before = sameAxes ? coverage.map((axis) => axis.holes) : steps.map(() => 0);
  const nextCoverage = extendCoverage(sameAxes ? coverage : null, steps).map((axis) => (axis.size > COVERAGE_CAP ? TOO_LARGE_COVERAGE : axis));
  // A 1x1 conv has no taps to space out: its "dilation" says nothing about gridding.
  const spatialConv = isConv && steps.some((step) => step.kernel > 1);
  const nextDilations = spatialConv ? [...dilations, Math.max(...steps.map((step) => step.dilation))] : dilations;
  const opened = griddingStartsHere(before, nextCoverage, dilations.length, nextDilations.length);
  return {
    field: { rf: extendReceptiveField(rf, steps), coverage: nextCoverage, dilations: nextDilations },
    newHoles: opened ? nextCoverage.map((axis) => axis.holes) : null,
  };
}

/** Where branches meet (Add, Concatenate): the widest field and the union of the coverage. */
export function mergeFields(fields: readonly (TensorField | null)[]): TensorField | null {
  const known = fields.filter((f): f is TensorField => f !== null);
  if (known.length === 0 || known.length !== fields.length) return null;
  const rf = mergeReceptiveFields(known.map((f) => f.rf));
  if (!rf) return null;
  const coverages = known.map((f) => f.coverage);
  const coverage = coverages.every((c): c is readonly AxisCoverage[] => c !== null) ? mergeCoverage(coverages) : null;
  const dilations = known.reduce((longest, f) => (f.dilations.length > longest.length ? f.dilations : longest), known[0].dilations);
  return { rf, coverage, dilations };
}

/**
 * The gridding warning for the layer where gridding starts: which input pixels one output
 * pixel never sees, per axis, and why (a stride past the kernel, a dilation after a stride,
 * or the dilation rates themselves). `kernelArg` is the layer's bound `kernel_size`.
 */
export function griddingMessage(kernelArg: ArgValue | undefined, input: TensorField | null, output: TensorField, holes: readonly number[]): string {
  const sizes = (output.coverage ?? []).map((axis) => axis.size);
  const jumpBefore = input ? Math.max(...input.rf.jump) : 1;
  const kernel = Math.max(...(Array.isArray(kernelArg) ? kernelArg : [kernelArg]).map((value) => (typeof value === 'number' ? value : 3)));
  const dilation = output.dilations[output.dilations.length - 1] ?? 1;
  let why: string;
  if (output.dilations.every((rate) => rate === 1)) why = 'A stride larger than the kernel skips input pixels.';
  else if (jumpBefore > 1) why = `After a total stride of ${jumpBefore}, dilation ${dilation} spaces the taps ${jumpBefore * dilation} input pixels apart.`;
  else why = explainGridding(output.dilations, kernel);
  return (
    `Gridding effect: one output pixel never sees ${holes.join(', ')} of the ${sizes.join(', ')} input pixels (per axis) ` +
    `inside its receptive field; dilation rates so far (${output.dilations.join(', ')}). ${why}`
  );
}
