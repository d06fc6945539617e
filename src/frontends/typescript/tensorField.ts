/**
 * Receptive-field bookkeeping for symbolic tensors (Araujo et al., Distill 2019): size `r`,
 * jump `j` and the centre `start` of the first output's field, per spatial axis.
 */
import type { AxisStep } from '../../engine/types';
import type { TensorField } from './jsValues';

/** The field of a model input with `axes` spatial axes: one pixel, centred on pixel 0. */
export function inputField(axes: number): TensorField {
  return { size: new Array<number>(axes).fill(1), jump: new Array<number>(axes).fill(1), start: new Array<number>(axes).fill(0.5) };
}

/** The field after a layer with these steps; null steps (Dense, Flatten, global pooling) end it. */
export function advanceField(field: TensorField | null, steps: readonly AxisStep[] | null): TensorField | null {
  if (!field || !steps || steps.length !== field.size.length) return null;
  const size: number[] = [];
  const jump: number[] = [];
  const start: number[] = [];
  steps.forEach((step, i) => {
    const span = step.dilation * (step.kernel - 1);
    if (step.transposed) {
      // Output positions are `stride` times denser: the jump shrinks, the kernel spans fewer inputs.
      const j = field.jump[i] / step.stride;
      jump.push(j);
      size.push(field.size[i] + span * j);
      start.push(field.start[i] + (span / 2 - step.padding) * j);
    } else {
      jump.push(field.jump[i] * step.stride);
      size.push(field.size[i] + span * field.jump[i]);
      start.push(field.start[i] + (span / 2 - step.padding) * field.jump[i]);
    }
  });
  return { size, jump, start };
}

/** Where branches meet (Add, Concatenate): the largest field over the paths, per axis. */
export function mergeFields(fields: readonly (TensorField | null)[]): TensorField | null {
  if (fields.length === 0 || fields.some((f) => f === null)) return null;
  const known = fields as TensorField[];
  const axes = known[0].size.length;
  if (known.some((f) => f.size.length !== axes)) return null;
  const merged: TensorField = { size: [], jump: [], start: [] };
  for (let i = 0; i < axes; i++) {
    const widest = known.reduce((best, f) => (f.size[i] > best.size[i] ? f : best), known[0]);
    merged.size.push(widest.size[i]);
    merged.jump.push(Math.max(...known.map((f) => f.jump[i])));
    merged.start.push(widest.start[i]);
  }
  return merged;
}
