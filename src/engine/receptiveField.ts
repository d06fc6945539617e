/**
 * Receptive field, jump and start per spatial axis (Araujo, Norris & Sim, "Computing
 * Receptive Fields of Convolutional Neural Networks", Distill 2019).
 *
 * Convention: the model input has r = 1, j = 1 and start = 0.5 (input pixel i spans
 * [i, i+1), so its centre is i + 0.5). For a layer with effective kernel k' = d*(k-1)+1,
 * stride s and left padding p:
 *   r_out = r_in + (k' - 1) * j_in,  j_out = j_in * s,  start_out = start_in + ((k' - 1)/2 - p) * j_in.
 *
 * Transposed convolutions (and nearest upsampling, modelled as a transposed step of kernel f
 * and stride f) divide the jump: one output pixel receives contributions from at most
 * ceil(k'/s) adjacent input pixels, so
 *   r_out = r_in + (ceil(k'/s) - 1) * j_in,  j_out = j_in / s,
 *   start_out = start_in + (p - (k' - 1)/2) / s * j_in
 * (the centre of the inputs that reach output 0). The jump may then be fractional.
 */
import type { AxisStep, ReceptiveField } from './types';

/** The receptive field of the model input itself: one pixel, jump 1, centred at 0.5. */
export function initialReceptiveField(axes: number): ReceptiveField {
  return {
    size: Array.from({ length: axes }, () => 1),
    jump: Array.from({ length: axes }, () => 1),
    start: Array.from({ length: axes }, () => 0.5),
  };
}

/**
 * The receptive field after one more layer. `rf` null = the layer reads the model input.
 * Empty `steps` (element-wise layers) leave the field unchanged. When the number of axes
 * changes (a reshape the engine cannot follow), the field restarts at this layer's input.
 */
export function extendReceptiveField(rf: ReceptiveField | null, steps: readonly AxisStep[]): ReceptiveField {
  if (steps.length === 0) return rf ?? initialReceptiveField(0);
  const previous = rf && rf.size.length === steps.length ? rf : initialReceptiveField(steps.length);
  const size: number[] = [];
  const jump: number[] = [];
  const start: number[] = [];
  steps.forEach((step, axis) => {
    const effective = step.dilation * (step.kernel - 1) + 1;
    const r = previous.size[axis];
    const j = previous.jump[axis];
    const s0 = previous.start[axis];
    if (step.transposed) {
      size.push(r + (Math.ceil(effective / step.stride) - 1) * j);
      jump.push(j / step.stride);
      start.push(s0 + ((step.padding - (effective - 1) / 2) / step.stride) * j);
    } else {
      size.push(r + (effective - 1) * j);
      jump.push(j * step.stride);
      start.push(s0 + ((effective - 1) / 2 - step.padding) * j);
    }
  });
  return { size, jump, start };
}

/**
 * Where branches meet (add, multiply, concatenate), the field is the largest over the paths,
 * per axis. The jump and start are those of the finest grid among the branches: a branch
 * broadcast from a coarser grid (the 1x1 map of a squeeze-and-excitation gate, after a
 * global pool) widens the field but does not change where the output pixels sit. Taking
 * its jump would make every later layer's field grow as if each tap were a whole image
 * apart.
 */
export function mergeReceptiveFields(list: readonly ReceptiveField[]): ReceptiveField | null {
  if (list.length === 0) return null;
  const axes = Math.max(...list.map((rf) => rf.size.length));
  const size: number[] = [];
  const jump: number[] = [];
  const start: number[] = [];
  for (let axis = 0; axis < axes; axis++) {
    let widest: ReceptiveField | null = null;
    let finest: ReceptiveField | null = null;
    for (const rf of list) {
      if (axis >= rf.size.length) continue;
      if (!widest || rf.size[axis] > widest.size[axis]) widest = rf;
      if (!finest || rf.jump[axis] < finest.jump[axis] || (rf.jump[axis] === finest.jump[axis] && rf.size[axis] > finest.size[axis])) finest = rf;
    }
    if (!widest || !finest) continue;
    size.push(widest.size[axis]);
    jump.push(finest.jump[axis]);
    start.push(finest.start[axis]);
  }
  return { size, jump, start };
}
