// GEMM register tiles for the conv kernels (see kernels.ts): 6 output channels x 8 output
// pixels per call, accumulated over K in SIMD registers. Three variants differ only in
// where the K x 8 right-hand operand comes from: a packed panel, the input read in place
// (stride 1), or the input read with even-lane shuffles (stride 2).

/** Output pixels per tile (two f32x4 vectors). */
export const TILE: i32 = 8;
/** Output channels per tile. */
export const ROWS: i32 = 6;

// The conv's epilogue (set by `setEpilogue`, cleared after the call): a following
// BatchNorm as a per-channel scale and shift, and a following ReLU/ReLU6, written to their
// own maps while the tile is still in registers, since every feature map is kept anyway.
let epilogueOut: usize = 0;
let epiloguePlane: i32 = 1;
let epilogueScale: usize = 0;
let epilogueShift: usize = 0;
let epilogueNorm: usize = 0;
let epilogueActivated: usize = 0;
let epilogueKind: i32 = 0;

/** Activation kinds of the epilogue. */
export const EPILOGUE_NONE: i32 = 0;
export const EPILOGUE_RELU: i32 = 1;
export const EPILOGUE_RELU6: i32 = 2;

/**
 * Makes the next conv also write `norm = conv * scale[c] + shift[c]` (when `norm` != 0)
 * and `activated = act(norm)` (when `kind` != 0, needs `norm`), at the same offsets as in
 * its output `out`, whose channel planes hold `plane` floats.
 */
export function setEpilogue(out: usize, plane: i32, scale: usize, shift: usize, norm: usize, activated: usize, kind: i32): void {
  epilogueOut = out;
  epiloguePlane = plane;
  epilogueScale = scale;
  epilogueShift = shift;
  epilogueNorm = norm;
  epilogueActivated = activated;
  epilogueKind = kind;
}

/** Writes 8 lanes (or the first `cols`, through `scratch`) at `dst`. */
@inline
function storeLanes(dst: usize, full: bool, cols: i32, x0: v128, x1: v128, scratch: usize): void {
  if (full) {
    v128.store(dst, x0);
    v128.store(dst, x1, 16);
    return;
  }
  v128.store(scratch, x0);
  v128.store(scratch, x1, 16);
  for (let t = 0; t < cols; t++) store<f32>(dst + (<usize>t << 2), load<f32>(scratch + (<usize>t << 2)));
}

/** Applies `act` as the epilogue's activation kind (NaN gives 0, as the JS kernels do). */
@inline
export function activate(x: v128, kind: i32): v128 {
  const zero = f32x4.splat(0);
  let y = f32x4.pmax(zero, x);
  if (kind == EPILOGUE_RELU6) y = f32x4.pmin(f32x4.splat(6), y);
  return y;
}

/** Stores one tile row of the conv output at `dst`, then its epilogue maps. */
@inline
export function finishRow(dst: usize, full: bool, cols: i32, x0: v128, x1: v128, scratch: usize): void {
  storeLanes(dst, full, cols, x0, x1, scratch);
  if (epilogueNorm == 0) return;
  const rel = dst - epilogueOut;
  const channel = <i32>(rel >> 2) / epiloguePlane;
  const s = v128.load32_splat(epilogueScale + (<usize>channel << 2));
  const t = v128.load32_splat(epilogueShift + (<usize>channel << 2));
  const y0 = f32x4.add(f32x4.mul(x0, s), t);
  const y1 = f32x4.add(f32x4.mul(x1, s), t);
  storeLanes(epilogueNorm + rel, full, cols, y0, y1, scratch);
  if (epilogueKind != EPILOGUE_NONE) storeLanes(epilogueActivated + rel, full, cols, activate(y0, epilogueKind), activate(y1, epilogueKind), scratch);
}

/** Applies the epilogue to `count` floats of the conv output starting at `at` (one channel's plane or part of it). */
export function finishPlane(at: usize, count: i32): void {
  if (epilogueNorm == 0) return;
  const rel = at - epilogueOut;
  const channel = <i32>(rel >> 2) / epiloguePlane;
  const s = f32x4.splat(load<f32>(epilogueScale + (<usize>channel << 2)));
  const t = f32x4.splat(load<f32>(epilogueShift + (<usize>channel << 2)));
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const off = rel + (<usize>i << 2);
    const y = f32x4.add(f32x4.mul(v128.load(epilogueOut + off), s), t);
    v128.store(epilogueNorm + off, y);
    if (epilogueKind != EPILOGUE_NONE) v128.store(epilogueActivated + off, activate(y, epilogueKind));
  }
  for (; i < count; i++) {
    const off = rel + (<usize>i << 2);
    const y = f32x4.add(f32x4.mul(f32x4.splat(load<f32>(epilogueOut + off)), s), t);
    store<f32>(epilogueNorm + off, f32x4.extract_lane(y, 0));
    if (epilogueKind != EPILOGUE_NONE) store<f32>(epilogueActivated + off, f32x4.extract_lane(activate(y, epilogueKind), 0));
  }
}

// C[i0..i0+rows][j0..j0+cols] = bias + A[i0..][0..k] * panel, with C's row stride n.
// 6 rows x 8 columns: 12 accumulators + 2 panel vectors + 1 broadcast fit x64's 16 SIMD registers.
export function tile(a: usize, k: i32, panel: usize, c: usize, n: i32, i0: i32, rows: i32, j0: i32, cols: i32, bias: usize, scratch: usize): void {
  const last = rows - 1;
  const a0 = a + (<usize>(i0 * k) << 2);
  const a1 = a + (<usize>((i0 + min(1, last)) * k) << 2);
  const a2 = a + (<usize>((i0 + min(2, last)) * k) << 2);
  const a3 = a + (<usize>((i0 + min(3, last)) * k) << 2);
  const a4 = a + (<usize>((i0 + min(4, last)) * k) << 2);
  const a5 = a + (<usize>((i0 + min(5, last)) * k) << 2);
  let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
  let c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
  if (bias != 0) {
    c00 = v128.load32_splat(bias + (<usize>i0 << 2)); c01 = c00;
    c10 = v128.load32_splat(bias + (<usize>(i0 + min(1, last)) << 2)); c11 = c10;
    c20 = v128.load32_splat(bias + (<usize>(i0 + min(2, last)) << 2)); c21 = c20;
    c30 = v128.load32_splat(bias + (<usize>(i0 + min(3, last)) << 2)); c31 = c30;
    c40 = v128.load32_splat(bias + (<usize>(i0 + min(4, last)) << 2)); c41 = c40;
    c50 = v128.load32_splat(bias + (<usize>(i0 + min(5, last)) << 2)); c51 = c50;
  }
  let p = panel;
  const end = (<usize>k) << 2;
  let off: usize = 0;
  // Unrolled by two: the loop bookkeeping is a visible share of 32 SIMD instructions.
  for (; off + 4 < end; off += 8) {
    let v0 = v128.load(p);
    let v1 = v128.load(p, 16);
    let s = v128.load32_splat(a0 + off);
    c00 = f32x4.add(c00, f32x4.mul(s, v0)); c01 = f32x4.add(c01, f32x4.mul(s, v1));
    s = v128.load32_splat(a1 + off);
    c10 = f32x4.add(c10, f32x4.mul(s, v0)); c11 = f32x4.add(c11, f32x4.mul(s, v1));
    s = v128.load32_splat(a2 + off);
    c20 = f32x4.add(c20, f32x4.mul(s, v0)); c21 = f32x4.add(c21, f32x4.mul(s, v1));
    s = v128.load32_splat(a3 + off);
    c30 = f32x4.add(c30, f32x4.mul(s, v0)); c31 = f32x4.add(c31, f32x4.mul(s, v1));
    s = v128.load32_splat(a4 + off);
    c40 = f32x4.add(c40, f32x4.mul(s, v0)); c41 = f32x4.add(c41, f32x4.mul(s, v1));
    s = v128.load32_splat(a5 + off);
    c50 = f32x4.add(c50, f32x4.mul(s, v0)); c51 = f32x4.add(c51, f32x4.mul(s, v1));
    v0 = v128.load(p, 32);
    v1 = v128.load(p, 48);
    s = v128.load32_splat(a0 + off + 4);
    c00 = f32x4.add(c00, f32x4.mul(s, v0)); c01 = f32x4.add(c01, f32x4.mul(s, v1));
    s = v128.load32_splat(a1 + off + 4);
    c10 = f32x4.add(c10, f32x4.mul(s, v0)); c11 = f32x4.add(c11, f32x4.mul(s, v1));
    s = v128.load32_splat(a2 + off + 4);
    c20 = f32x4.add(c20, f32x4.mul(s, v0)); c21 = f32x4.add(c21, f32x4.mul(s, v1));
    s = v128.load32_splat(a3 + off + 4);
    c30 = f32x4.add(c30, f32x4.mul(s, v0)); c31 = f32x4.add(c31, f32x4.mul(s, v1));
    s = v128.load32_splat(a4 + off + 4);
    c40 = f32x4.add(c40, f32x4.mul(s, v0)); c41 = f32x4.add(c41, f32x4.mul(s, v1));
    s = v128.load32_splat(a5 + off + 4);
    c50 = f32x4.add(c50, f32x4.mul(s, v0)); c51 = f32x4.add(c51, f32x4.mul(s, v1));
    p += 64;
  }
  if (off < end) {
    const v0 = v128.load(p);
    const v1 = v128.load(p, 16);
    let s = v128.load32_splat(a0 + off);
    c00 = f32x4.add(c00, f32x4.mul(s, v0)); c01 = f32x4.add(c01, f32x4.mul(s, v1));
    s = v128.load32_splat(a1 + off);
    c10 = f32x4.add(c10, f32x4.mul(s, v0)); c11 = f32x4.add(c11, f32x4.mul(s, v1));
    s = v128.load32_splat(a2 + off);
    c20 = f32x4.add(c20, f32x4.mul(s, v0)); c21 = f32x4.add(c21, f32x4.mul(s, v1));
    s = v128.load32_splat(a3 + off);
    c30 = f32x4.add(c30, f32x4.mul(s, v0)); c31 = f32x4.add(c31, f32x4.mul(s, v1));
    s = v128.load32_splat(a4 + off);
    c40 = f32x4.add(c40, f32x4.mul(s, v0)); c41 = f32x4.add(c41, f32x4.mul(s, v1));
    s = v128.load32_splat(a5 + off);
    c50 = f32x4.add(c50, f32x4.mul(s, v0)); c51 = f32x4.add(c51, f32x4.mul(s, v1));
  }
  const full = cols == TILE;
  for (let r = 0; r < rows; r++) {
    let x0 = c00, x1 = c01;
    if (r == 1) { x0 = c10; x1 = c11; }
    else if (r == 2) { x0 = c20; x1 = c21; }
    else if (r == 3) { x0 = c30; x1 = c31; }
    else if (r == 4) { x0 = c40; x1 = c41; }
    else if (r == 5) { x0 = c50; x1 = c51; }
    finishRow(c + (<usize>((i0 + r) * n + j0) << 2), full, cols, x0, x1, scratch);
  }
}

// Same as `tile`, but B is read straight from the input (implicit im2col): row q of the
// panel is the 8 floats at `base + offsets[q]`. Used for interior strips of stride-1 convs,
// where packing would only copy what the loads can read in place.
// `six` is a constant at each (inlined) call site: false gives a 4-row tile, for channel
// counts that 6 does not divide (16 per group would waste two rows in three tiles).
@inline
export function tileDirect(a: usize, k: i32, offsets: usize, base: usize, c: usize, n: i32, i0: i32, rows: i32, j0: i32, cols: i32, bias: usize, scratch: usize, six: bool): void {
  const last = rows - 1;
  const a0 = a + (<usize>(i0 * k) << 2);
  const a1 = a + (<usize>((i0 + min(1, last)) * k) << 2);
  const a2 = a + (<usize>((i0 + min(2, last)) * k) << 2);
  const a3 = a + (<usize>((i0 + min(3, last)) * k) << 2);
  const a4 = a + (<usize>((i0 + min(4, last)) * k) << 2);
  const a5 = a + (<usize>((i0 + min(5, last)) * k) << 2);
  let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
  let c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
  if (bias != 0) {
    c00 = v128.load32_splat(bias + (<usize>i0 << 2)); c01 = c00;
    c10 = v128.load32_splat(bias + (<usize>(i0 + min(1, last)) << 2)); c11 = c10;
    c20 = v128.load32_splat(bias + (<usize>(i0 + min(2, last)) << 2)); c21 = c20;
    c30 = v128.load32_splat(bias + (<usize>(i0 + min(3, last)) << 2)); c31 = c30;
    c40 = v128.load32_splat(bias + (<usize>(i0 + min(4, last)) << 2)); c41 = c40;
    c50 = v128.load32_splat(bias + (<usize>(i0 + min(5, last)) << 2)); c51 = c50;
  }
  const end = (<usize>k) << 2;
  let off: usize = 0;
  for (; off + 4 < end; off += 8) {
    let src = base + <usize>load<i32>(offsets + off);
    let v0 = v128.load(src);
    let v1 = v128.load(src, 16);
    let s = v128.load32_splat(a0 + off);
    c00 = f32x4.add(c00, f32x4.mul(s, v0)); c01 = f32x4.add(c01, f32x4.mul(s, v1));
    s = v128.load32_splat(a1 + off);
    c10 = f32x4.add(c10, f32x4.mul(s, v0)); c11 = f32x4.add(c11, f32x4.mul(s, v1));
    s = v128.load32_splat(a2 + off);
    c20 = f32x4.add(c20, f32x4.mul(s, v0)); c21 = f32x4.add(c21, f32x4.mul(s, v1));
    s = v128.load32_splat(a3 + off);
    c30 = f32x4.add(c30, f32x4.mul(s, v0)); c31 = f32x4.add(c31, f32x4.mul(s, v1));
    if (six) {
      s = v128.load32_splat(a4 + off);
      c40 = f32x4.add(c40, f32x4.mul(s, v0)); c41 = f32x4.add(c41, f32x4.mul(s, v1));
      s = v128.load32_splat(a5 + off);
      c50 = f32x4.add(c50, f32x4.mul(s, v0)); c51 = f32x4.add(c51, f32x4.mul(s, v1));
    }
    src = base + <usize>load<i32>(offsets + off + 4);
    v0 = v128.load(src);
    v1 = v128.load(src, 16);
    s = v128.load32_splat(a0 + off + 4);
    c00 = f32x4.add(c00, f32x4.mul(s, v0)); c01 = f32x4.add(c01, f32x4.mul(s, v1));
    s = v128.load32_splat(a1 + off + 4);
    c10 = f32x4.add(c10, f32x4.mul(s, v0)); c11 = f32x4.add(c11, f32x4.mul(s, v1));
    s = v128.load32_splat(a2 + off + 4);
    c20 = f32x4.add(c20, f32x4.mul(s, v0)); c21 = f32x4.add(c21, f32x4.mul(s, v1));
    s = v128.load32_splat(a3 + off + 4);
    c30 = f32x4.add(c30, f32x4.mul(s, v0)); c31 = f32x4.add(c31, f32x4.mul(s, v1));
    if (six) {
      s = v128.load32_splat(a4 + off + 4);
      c40 = f32x4.add(c40, f32x4.mul(s, v0)); c41 = f32x4.add(c41, f32x4.mul(s, v1));
      s = v128.load32_splat(a5 + off + 4);
      c50 = f32x4.add(c50, f32x4.mul(s, v0)); c51 = f32x4.add(c51, f32x4.mul(s, v1));
    }
  }
  if (off < end) {
    const src = base + <usize>load<i32>(offsets + off);
    const v0 = v128.load(src);
    const v1 = v128.load(src, 16);
    let s = v128.load32_splat(a0 + off);
    c00 = f32x4.add(c00, f32x4.mul(s, v0)); c01 = f32x4.add(c01, f32x4.mul(s, v1));
    s = v128.load32_splat(a1 + off);
    c10 = f32x4.add(c10, f32x4.mul(s, v0)); c11 = f32x4.add(c11, f32x4.mul(s, v1));
    s = v128.load32_splat(a2 + off);
    c20 = f32x4.add(c20, f32x4.mul(s, v0)); c21 = f32x4.add(c21, f32x4.mul(s, v1));
    s = v128.load32_splat(a3 + off);
    c30 = f32x4.add(c30, f32x4.mul(s, v0)); c31 = f32x4.add(c31, f32x4.mul(s, v1));
    if (six) {
      s = v128.load32_splat(a4 + off);
      c40 = f32x4.add(c40, f32x4.mul(s, v0)); c41 = f32x4.add(c41, f32x4.mul(s, v1));
      s = v128.load32_splat(a5 + off);
      c50 = f32x4.add(c50, f32x4.mul(s, v0)); c51 = f32x4.add(c51, f32x4.mul(s, v1));
    }
  }
  const full = cols == TILE;
  for (let r = 0; r < rows; r++) {
    let x0 = c00, x1 = c01;
    if (r == 1) { x0 = c10; x1 = c11; }
    else if (r == 2) { x0 = c20; x1 = c21; }
    else if (r == 3) { x0 = c30; x1 = c31; }
    else if (r == 4) { x0 = c40; x1 = c41; }
    else if (r == 5) { x0 = c50; x1 = c51; }
    finishRow(c + (<usize>((i0 + r) * n + j0) << 2), full, cols, x0, x1, scratch);
  }
}

// `tileDirect` for stride 2: row q is every other float of the 16 at `base + offsets[q]`.
export function tileDirectStride2(a: usize, k: i32, offsets: usize, base: usize, c: usize, n: i32, i0: i32, rows: i32, j0: i32, cols: i32, bias: usize, scratch: usize): void {
  const last = rows - 1;
  const a0 = a + (<usize>(i0 * k) << 2);
  const a1 = a + (<usize>((i0 + min(1, last)) * k) << 2);
  const a2 = a + (<usize>((i0 + min(2, last)) * k) << 2);
  const a3 = a + (<usize>((i0 + min(3, last)) * k) << 2);
  const a4 = a + (<usize>((i0 + min(4, last)) * k) << 2);
  const a5 = a + (<usize>((i0 + min(5, last)) * k) << 2);
  let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
  let c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
  if (bias != 0) {
    c00 = v128.load32_splat(bias + (<usize>i0 << 2)); c01 = c00;
    c10 = v128.load32_splat(bias + (<usize>(i0 + min(1, last)) << 2)); c11 = c10;
    c20 = v128.load32_splat(bias + (<usize>(i0 + min(2, last)) << 2)); c21 = c20;
    c30 = v128.load32_splat(bias + (<usize>(i0 + min(3, last)) << 2)); c31 = c30;
    c40 = v128.load32_splat(bias + (<usize>(i0 + min(4, last)) << 2)); c41 = c40;
    c50 = v128.load32_splat(bias + (<usize>(i0 + min(5, last)) << 2)); c51 = c50;
  }
  const end = (<usize>k) << 2;
  for (let off: usize = 0; off < end; off += 4) {
    const src = base + <usize>load<i32>(offsets + off);
    const v0 = i32x4.shuffle(v128.load(src), v128.load(src, 16), 0, 2, 4, 6);
    const v1 = i32x4.shuffle(v128.load(src, 32), v128.load(src, 48), 0, 2, 4, 6);
    let s = v128.load32_splat(a0 + off);
    c00 = f32x4.add(c00, f32x4.mul(s, v0)); c01 = f32x4.add(c01, f32x4.mul(s, v1));
    s = v128.load32_splat(a1 + off);
    c10 = f32x4.add(c10, f32x4.mul(s, v0)); c11 = f32x4.add(c11, f32x4.mul(s, v1));
    s = v128.load32_splat(a2 + off);
    c20 = f32x4.add(c20, f32x4.mul(s, v0)); c21 = f32x4.add(c21, f32x4.mul(s, v1));
    s = v128.load32_splat(a3 + off);
    c30 = f32x4.add(c30, f32x4.mul(s, v0)); c31 = f32x4.add(c31, f32x4.mul(s, v1));
    s = v128.load32_splat(a4 + off);
    c40 = f32x4.add(c40, f32x4.mul(s, v0)); c41 = f32x4.add(c41, f32x4.mul(s, v1));
    s = v128.load32_splat(a5 + off);
    c50 = f32x4.add(c50, f32x4.mul(s, v0)); c51 = f32x4.add(c51, f32x4.mul(s, v1));
  }
  const full = cols == TILE;
  for (let r = 0; r < rows; r++) {
    let x0 = c00, x1 = c01;
    if (r == 1) { x0 = c10; x1 = c11; }
    else if (r == 2) { x0 = c20; x1 = c21; }
    else if (r == 3) { x0 = c30; x1 = c31; }
    else if (r == 4) { x0 = c40; x1 = c41; }
    else if (r == 5) { x0 = c50; x1 = c51; }
    finishRow(c + (<usize>((i0 + r) * n + j0) << 2), full, cols, x0, x1, scratch);
  }
}

