/**
 * Receptive field and gridding coverage of symbolic tensors, through the shared engine
 * arithmetic (engine/receptiveField.ts, engine/gridding.ts), as the Python front end does.
 */
import type { AxisStep } from '../../engine/types';
import type { AxisCoverage } from '../../engine/gridding';
import { extendCoverage, griddingStartsHere, mergeCoverage, TOO_LARGE_COVERAGE } from '../../engine/gridding';
import { extendReceptiveField, initialReceptiveField, mergeReceptiveFields } from '../../engine/receptiveField';
import type { TensorField } from './jsValues';

/** Past this many pixels per axis the exact coverage costs more than it tells. */
const COVERAGE_CAP = 8192;

/** The field of a model input with `axes` spatial axes. */
export function inputField(axes: number): TensorField {
  return { rf: initialReceptiveField(axes), coverage: null, dilations: [] };
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

export interface FieldStep {
  readonly field: TensorField | null;
  /** Holes per axis when this layer opened the first hole in the coverage (gridding starts here). */
  readonly newHoles: number[] | null;
}

/** The field after a layer; null steps (Dense, Flatten, global pooling) end the spatial field. */
export function advanceField(field: TensorField | null, steps: readonly AxisStep[] | null, isConv: boolean): FieldStep {
  if (!field || !steps || (steps.length > 0 && steps.length !== field.rf.size.length)) return { field: null, newHoles: null };
  if (steps.length === 0) return { field, newHoles: null };
  const rf = extendReceptiveField(field.rf, steps);
  const before = field.coverage ? field.coverage.map((axis) => axis.holes) : steps.map(() => 0);
  const coverage = extendCoverage(field.coverage, steps).map((axis) => (axis.size > COVERAGE_CAP ? TOO_LARGE_COVERAGE : axis));
  // A 1x1 conv has no taps to space out: its "dilation" says nothing about gridding.
  const spatialConv = isConv && steps.some((step) => step.kernel > 1);
  const dilations = spatialConv ? [...field.dilations, Math.max(...steps.map((s) => s.dilation))] : field.dilations;
  const opened = griddingStartsHere(before, coverage, field.dilations.length, dilations.length);
  return { field: { rf, coverage, dilations }, newHoles: opened ? coverage.map((axis) => axis.holes) : null };
}
