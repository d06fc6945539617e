/**
 * Exact gridding analysis: per axis, the set of input offsets that one output pixel reaches
 * through a stack of layers. Layer m+1 reads outputs o*s + t*d (t < k) of layer m, and each
 * of those covers `t*d*J_m + S_m` in the input, so
 *   S_{m+1} = union over t of (t * d * J_m + S_m),   J_{m+1} = J_m * s
 * (a Minkowski sum of the taps, scaled by the current jump J). A zero inside the field is an
 * input pixel the output never sees: the gridding effect of stacked dilations.
 *
 * Transposed steps (upsampling) restart the analysis at their output: the question is
 * about holes left by dilated/strided reading, which upsampling does not create.
 */
import type { AxisStep } from './types';

/** Fields larger than this many input pixels are not analysed (memory stays bounded). */
export const MAX_COVERAGE_FIELD = 1 << 20;

export interface AxisCoverage {
  /** 1 = reached; index 0 = the first input pixel of the field. Empty when `tooLarge`. */
  readonly offsets: Uint8Array;
  /** The field's length in input pixels (`offsets.length`, without building `offsets`). */
  readonly size: number;
  /** Unreached input pixels inside the field (0 = no gridding). */
  readonly holes: number;
  /** Distance in input pixels between the pixels this stack's next layer reads (product of strides). */
  readonly jump: number;
  /** True when the field passed MAX_COVERAGE_FIELD: too large to analyse, holes unknown (-1). */
  readonly tooLarge: boolean;
}

/** A field too large to analyse (holes unknown). */
export const TOO_LARGE_COVERAGE: AxisCoverage = { offsets: new Uint8Array(0), size: 0, holes: -1, jump: 1, tooLarge: true };

/**
 * A field without holes. Most fields are solid (no dilation, or dilations that interleave),
 * so their offsets (all ones) are only built when someone reads them (the panel's picture):
 * the analysis of a file with hundreds of layers then allocates nothing per layer here.
 */
class SolidCoverage implements AxisCoverage {
  private built: Uint8Array | undefined;
  readonly holes = 0;
  readonly tooLarge = false;

  constructor(
    readonly size: number,
    readonly jump: number,
  ) {}

  get offsets(): Uint8Array {
    this.built ??= new Uint8Array(this.size).fill(1);
    return this.built;
  }
}

const SINGLE_PIXEL: AxisCoverage = new SolidCoverage(1, 1);

function countHoles(offsets: Uint8Array): number {
  let holes = 0;
  for (const reached of offsets) if (reached === 0) holes += 1;
  return holes;
}

function extendAxis(previous: AxisCoverage, step: AxisStep): AxisCoverage {
  if (previous.tooLarge) return TOO_LARGE_COVERAGE;
  if (step.transposed) return SINGLE_PIXEL;
  const spacing = step.dilation * previous.jump;
  const length = previous.size + (step.kernel - 1) * spacing;
  // A spacing that is no positive integer (dilation 0 or NaN from a hostile file) would make
  // the loop below run kernel-size times over the same offsets: billions of times for nothing.
  if (!(length >= 1 && length <= MAX_COVERAGE_FIELD) || !Number.isInteger(spacing) || spacing < 1) return TOO_LARGE_COVERAGE;
  // Shifted copies of a solid run overlap or touch when the spacing is at most its length.
  if (previous.holes === 0 && spacing <= previous.size) return new SolidCoverage(length, previous.jump * step.stride);
  const offsets = new Uint8Array(length);
  const source = previous.offsets;
  for (let tap = 0; tap < step.kernel; tap++) {
    const shift = tap * spacing;
    for (let index = 0; index < source.length; index++) {
      if (source[index]) offsets[shift + index] = 1;
    }
  }
  return { offsets, size: length, holes: countHoles(offsets), jump: previous.jump * step.stride, tooLarge: false };
}

/**
 * The coverage after one more layer. `prev` null = the layer reads the model input (each
 * axis starts as the single pixel it is). Empty `steps` (element-wise layers) keep `prev`;
 * a change in the number of axes restarts the analysis.
 */
export function extendCoverage(prev: readonly AxisCoverage[] | null, steps: readonly AxisStep[]): AxisCoverage[] {
  if (steps.length === 0) return prev ? [...prev] : [];
  const start = prev && prev.length === steps.length ? prev : steps.map(() => SINGLE_PIXEL);
  return steps.map((step, axis) => extendAxis(start[axis], step));
}

/**
 * Union over branches that meet (add, concatenate). Branches are aligned on the centre of
 * their fields, which is exact for 'same'-padded branches (ASPP, Inception); when the
 * lengths differ by an odd number the shorter one sits half a pixel to the left.
 */
export function mergeCoverage(branches: readonly (readonly AxisCoverage[])[]): AxisCoverage[] {
  if (branches.length === 0) return [];
  const axes = Math.max(...branches.map((branch) => branch.length));
  const merged: AxisCoverage[] = [];
  for (let axis = 0; axis < axes; axis++) {
    const parts = branches.map((branch) => branch[axis]).filter((part): part is AxisCoverage => part !== undefined);
    if (parts.some((part) => part.tooLarge)) {
      merged.push(TOO_LARGE_COVERAGE);
      continue;
    }
    const length = Math.max(...parts.map((part) => part.size));
    // The finest grid sets where output pixels sit (see mergeReceptiveFields).
    const jump = Math.min(...parts.map((part) => part.jump));
    // Centred solid runs all lie inside the longest one.
    if (parts.every((part) => part.holes === 0)) {
      merged.push(new SolidCoverage(length, jump));
      continue;
    }
    const offsets = new Uint8Array(length);
    for (const part of parts) {
      const shift = Math.floor((length - part.size) / 2);
      part.offsets.forEach((reached, index) => {
        if (reached) offsets[shift + index] = 1;
      });
    }
    merged.push({ offsets, size: length, holes: countHoles(offsets), jump, tooLarge: false });
  }
  return merged;
}

function gcd(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : gcd(b, a % b);
}

/**
 * `M_2` of the hybrid-dilated-convolution rule (Wang et al., "Understanding Convolution for
 * Semantic Segmentation", WACV 2018): M_n = r_n and
 * M_i = max[M_{i+1} - 2 r_i, M_{i+1} - 2 (M_{i+1} - r_i), r_i]; null for fewer than 2 rates.
 */
export function hdcMaxDistance(rates: readonly number[]): number | null {
  if (rates.length < 2) return null;
  let m = rates[rates.length - 1];
  for (let i = rates.length - 2; i >= 1; i--) {
    const r = rates[i];
    m = Math.max(m - 2 * r, m - 2 * (m - r), r);
  }
  return m;
}

/**
 * The HDC rule as explanatory text for a stack of `kernel`-sized convolutions with the given
 * dilation rates. The rule has false alarms, so the text says the exact coverage decides.
 */
export function explainGridding(rates: readonly number[], kernel: number): string {
  const list = `(${rates.join(', ')})`;
  if (rates.length === 0) return 'No dilated convolutions to explain.';
  const common = rates.reduce((acc, r) => gcd(acc, r), 0);
  const lines: string[] = [];
  if (common > 1) {
    lines.push(
      `Dilation rates ${list} share the common factor ${common}: every output pixel only reaches input pixels ` +
        `whose offsets are multiples of ${common}, so the stack always grids (HDC rule 1).`,
    );
  }
  const m2 = hdcMaxDistance(rates);
  if (m2 !== null) {
    // HDC needs both conditions; a passing M_2 test must not read as an all-clear when the common factor already fails.
    const verdict =
      m2 <= kernel && common > 1
        ? `M_2 = ${m2} <= K = ${kernel} holds, but the common factor ${common} alone breaks the rule.`
        : m2 <= kernel
          ? `M_2 = ${m2} <= K = ${kernel}: the rates satisfy the hybrid dilated convolution rule, the field can be covered without holes.`
          : `M_2 = ${m2} > K = ${kernel}: the last layers' taps are farther apart than the kernel can bridge, expect holes.`;
    lines.push(
      `HDC (Wang et al. 2018): M_${rates.length} = r_${rates.length} = ${rates[rates.length - 1]}, ` + `M_i = max[M_{i+1} - 2r_i, M_{i+1} - 2(M_{i+1} - r_i), r_i]; ${verdict}`,
    );
  } else if (common <= 1) {
    lines.push(`A single convolution with dilation ${rates[0]} reaches every ${rates[0]}-th pixel of its ${rates[0] * (kernel - 1) + 1}-pixel window.`);
  }
  lines.push('The rule can raise false alarms; the exact coverage analysis of the stack decides.');
  return lines.join('\n');
}

/**
 * Whether the gridding warning belongs on this layer. One dilated kernel on its own is a
 * sparse kernel, not gridding: the effect is a property of a stack, so it is reported once,
 * at the first layer of a stack of two or more spatial convolutions whose field has holes.
 * `spatialConvsBefore/After` count the convolutions with a kernel wider than 1 so far.
 */
export function griddingStartsHere(holesBefore: readonly number[], coverageAfter: readonly AxisCoverage[], spatialConvsBefore: number, spatialConvsAfter: number): boolean {
  const hadHoles = holesBefore.some((holes) => holes > 0);
  const hasHoles = coverageAfter.some((axis) => axis.holes > 0);
  return hasHoles && spatialConvsAfter >= 2 && (!hadHoles || spatialConvsBefore < 2);
}
