// WebAssembly SIMD kernels for feature-map previews (compiled by AssemblyScript at build
// time; see asconfig.json). Pure pointer code on linear memory: the host copies tensors
// into memory above heapBase() and calls these; nothing here allocates.
//
// Convolution = im2col one strip of 8 output pixels at a time: their input patches as a
// [K x 8] panel (packed so it stays in L1, or read in place for interior stride-1 strips),
// then 6x8 register tiles of GEMM (tiles.ts) per 6 output channels. Depthwise convolution
// vectorizes along the output row instead; transposed convolution is GEMM + col2im.

import { ROWS, TILE, finishPlane, tile, tileDirect, tileDirectStride2 } from './tiles';

export { setEpilogue } from './tiles';

/** First free byte after the module's static data, 16-byte aligned. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

// Builds the [K x 8] panel of input patches for output pixels j0..j0+cols of one group.
// `meta` holds two i32[16] scratch rows (row origin, column origin of each pixel's window).
function packPanel(
  inp: usize, panel: usize, meta: usize, firstChannel: i32, channels: i32, h: i32, w: i32,
  kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32, dh: i32, dw: i32, ow: i32, j0: i32, cols: i32,
): void {
  for (let t = 0; t < TILE; t++) {
    const j = j0 + t;
    let iy0 = -0x40000000;
    let ix0 = 0;
    if (t < cols) {
      const oy = j / ow;
      iy0 = oy * sh - ph;
      ix0 = (j - oy * ow) * sw - pw;
    }
    store<i32>(meta + (<usize>t << 2), iy0);
    store<i32>(meta + 64 + (<usize>t << 2), ix0);
  }
  const firstRow = load<i32>(meta);
  const lastRow = load<i32>(meta + (<usize>(TILE - 1) << 2));
  const firstCol = load<i32>(meta + 64);
  // One output row, fully inside horizontally: no per-pixel bounds checks (vector copies when stride 1).
  const sameRow = cols == TILE && firstRow == lastRow;
  const contiguous = sameRow && sw == 1;
  let dst = panel;
  for (let c = 0; c < channels; c++) {
    const plane = inp + (<usize>((firstChannel + c) * h * w) << 2);
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        if (sameRow) {
          const iy = firstRow + ky * dh;
          const ix = firstCol + kx * dw;
          if (iy < 0 || iy >= h) {
            v128.store(dst, i32x4.splat(0));
            v128.store(dst, i32x4.splat(0), 16);
            dst += 32;
            continue;
          }
          if (ix >= 0 && ix + (TILE - 1) * sw < w) {
            const src = plane + (<usize>(iy * w + ix) << 2);
            if (contiguous) {
              v128.store(dst, v128.load(src));
              v128.store(dst, v128.load(src, 16), 16);
            } else if (sw == 2) {
              v128.store(dst, i32x4.shuffle(v128.load(src), v128.load(src, 16), 0, 2, 4, 6));
              v128.store(dst, i32x4.shuffle(v128.load(src, 32), v128.load(src, 48), 0, 2, 4, 6), 16);
            } else {
              const step = <usize>sw << 2;
              for (let t = 0; t < TILE; t++) store<f32>(dst + (<usize>t << 2), load<f32>(src + <usize>t * step));
            }
            dst += 32;
            continue;
          }
        }
        for (let t = 0; t < TILE; t++) {
          const iy = load<i32>(meta + (<usize>t << 2)) + ky * dh;
          const ix = load<i32>(meta + 64 + (<usize>t << 2)) + kx * dw;
          let v: f32 = 0;
          if (iy >= 0 && iy < h && ix >= 0 && ix < w) v = load<f32>(plane + (<usize>(iy * w + ix) << 2));
          store<f32>(dst + (<usize>t << 2), v);
        }
        dst += 32;
      }
    }
  }
}

// Copies a [K x cols] strip of a row-major [K x n] matrix into a zero-padded [K x 8] panel.
function copyPanel(b: usize, panel: usize, k: i32, n: i32, j0: i32, cols: i32): void {
  for (let p = 0; p < k; p++) {
    const src = b + (<usize>(p * n + j0) << 2);
    const dst = panel + (<usize>p << 5);
    if (cols == TILE) {
      v128.store(dst, v128.load(src));
      v128.store(dst, v128.load(src, 16), 16);
    } else {
      for (let t = 0; t < TILE; t++) store<f32>(dst + (<usize>t << 2), t < cols ? load<f32>(src + (<usize>t << 2)) : 0);
    }
  }
}

/** Scratch bytes conv2d needs at `work`: the panel plus 192 bytes of metadata. */
export function conv2dScratchBytes(cin: i32, groups: i32, kh: i32, kw: i32): i32 {
  // Panel (K x 8 floats) + row offsets (K i32) + 192 bytes of metadata, rounded up generously.
  return (cin / groups) * kh * kw * 64 + 192;
}

/** Grouped 2-D convolution of one image (CHW), PyTorch weight layout, implicit zero padding. */
export function conv2d(
  inp: usize, weight: usize, bias: usize, out: usize, work: usize,
  cin: i32, h: i32, w: i32, cout: i32, kh: i32, kw: i32, sh: i32, sw: i32,
  ph: i32, pw: i32, dh: i32, dw: i32, groups: i32, oh: i32, ow: i32,
): void {
  const cinG = cin / groups;
  const coutG = cout / groups;
  const k = cinG * kh * kw;
  const n = oh * ow;
  const panel = work + 192;
  const meta = work;
  const scratch = work + 128;
  const pointwise = kh == 1 && kw == 1 && sh == 1 && sw == 1 && ph == 0 && pw == 0 && oh == h && ow == w;
  // Byte offsets of each panel row (c, ky, kx) from a strip's top-left input pixel.
  const offsets = panel + (<usize>k << 5);
  let q = 0;
  for (let ci = 0; ci < cinG; ci++) {
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++, q++) store<i32>(offsets + (<usize>q << 2), ((ci * h + ky * dh) * w + kx * dw) << 2);
    }
  }
  for (let g = 0; g < groups; g++) {
    const a = weight + (<usize>(g * coutG * k) << 2);
    const c = out + (<usize>(g * coutG * n) << 2);
    const b: usize = bias == 0 ? 0 : bias + (<usize>(g * coutG) << 2);
    const groupInput = inp + (<usize>(g * cinG * h * w) << 2);
    for (let j0 = 0; j0 < n; j0 += TILE) {
      const cols = min(TILE, n - j0);
      // Stride 2 reads B with shuffles: worth it only when one tile uses the strip (else pack once).
      if ((sw == 1 || (sw == 2 && coutG <= ROWS)) && !pointwise && cols == TILE) {
        const oy = j0 / ow;
        const ox = j0 - oy * ow;
        const iy = oy * sh - ph;
        const ix = ox * sw - pw;
        if (ox + TILE <= ow && iy >= 0 && iy + (kh - 1) * dh < h && ix >= 0 && ix + (TILE - 1) * sw + (kw - 1) * dw < w) {
          const base = groupInput + (<usize>(iy * w + ix) << 2);
          if (sw == 2) {
            for (let i0 = 0; i0 < coutG; i0 += ROWS) tileDirectStride2(a, k, offsets, base, c, n, i0, min(ROWS, coutG - i0), j0, cols, b, scratch);
          } else if (coutG % ROWS != 0 && coutG % 4 == 0) {
            for (let i0 = 0; i0 < coutG; i0 += 4) tileDirect(a, k, offsets, base, c, n, i0, 4, j0, cols, b, scratch, false);
          } else {
            for (let i0 = 0; i0 < coutG; i0 += ROWS) tileDirect(a, k, offsets, base, c, n, i0, min(ROWS, coutG - i0), j0, cols, b, scratch, true);
          }
          continue;
        }
      }
      if (pointwise) copyPanel(inp + (<usize>(g * cinG * n) << 2), panel, k, n, j0, cols);
      else packPanel(inp, panel, meta, g * cinG, cinG, h, w, kh, kw, sh, sw, ph, pw, dh, dw, ow, j0, cols);
      for (let i0 = 0; i0 < coutG; i0 += ROWS) tile(a, k, panel, c, n, i0, min(ROWS, coutG - i0), j0, cols, b, scratch);
    }
  }
}

/** C[m x n] = A[m x k] * B[k x n] (row-major). `work` needs k*64 + 192 bytes. */
export function gemm(a: usize, b: usize, c: usize, work: usize, m: i32, n: i32, k: i32): void {
  const panel = work + 192;
  const scratch = work + 128;
  for (let j0 = 0; j0 < n; j0 += TILE) {
    const cols = min(TILE, n - j0);
    copyPanel(b, panel, k, n, j0, cols);
    for (let i0 = 0; i0 < m; i0 += ROWS) tile(a, k, panel, c, n, i0, min(ROWS, m - i0), j0, cols, 0, scratch);
  }
}

// Width and height of the zero-padded copy of one input plane that depthwise2d reads:
// wide enough that every output vector (4 pixels, the last one partly past the row end)
// reads inside it, so the inner loop has no bounds checks.
@inline
function paddedWidth(w: i32, kw: i32, sw: i32, pw: i32, dw: i32, ow: i32): i32 {
  return max(pw + w, (ow + 3) * sw + (kw - 1) * dw + 8);
}

@inline
function paddedHeight(h: i32, kh: i32, sh: i32, ph: i32, dh: i32, oh: i32): i32 {
  return max(ph + h, (oh - 1) * sh + (kh - 1) * dh + 1);
}

/** Scratch bytes depthwise2d needs at `work`: one zero-padded input plane. */
export function depthwiseScratchBytes(h: i32, w: i32, kh: i32, kw: i32, sh: i32, sw: i32, ph: i32, pw: i32, dh: i32, dw: i32, oh: i32, ow: i32): i32 {
  return paddedWidth(w, kw, sw, pw, dw, ow) * paddedHeight(h, kh, sh, ph, dh, oh) * 4 + 64;
}

// Four input pixels `step` floats apart from `src`, as one vector.
@inline
function loadStrided(src: usize, sw: i32): v128 {
  if (sw == 1) return v128.load(src);
  if (sw == 2) return i32x4.shuffle(v128.load(src), v128.load(src, 16), 0, 2, 4, 6);
  const step = <usize>sw << 2;
  let v = f32x4.splat(load<f32>(src));
  v = f32x4.replace_lane(v, 1, load<f32>(src + step));
  v = f32x4.replace_lane(v, 2, load<f32>(src + 2 * step));
  return f32x4.replace_lane(v, 3, load<f32>(src + 3 * step));
}

/**
 * Depthwise 2-D convolution (groups == in channels, `mult` outputs per input channel).
 * Each input plane is first copied into a zero-padded plane at `work`, so every output row
 * is computed 4 pixels at a time without bounds checks, for any stride.
 */
export function depthwise2d(
  inp: usize, weight: usize, bias: usize, out: usize, work: usize,
  cout: i32, mult: i32, h: i32, w: i32, kh: i32, kw: i32, sh: i32, sw: i32,
  ph: i32, pw: i32, dh: i32, dw: i32, oh: i32, ow: i32,
): void {
  const pwid = paddedWidth(w, kw, sw, pw, dw, ow);
  const phei = paddedHeight(h, kh, sh, ph, dh, oh);
  const rowBytes = <usize>pwid << 2;
  for (let co = 0; co < cout; co++) {
    if (co % mult == 0) {
      const plane = inp + (<usize>((co / mult) * h * w) << 2);
      memory.fill(work, 0, <usize>(pwid * phei) << 2);
      for (let y = 0; y < h; y++) memory.copy(work + (<usize>((y + ph) * pwid + pw) << 2), plane + (<usize>(y * w) << 2), <usize>w << 2);
    }
    const taps = weight + (<usize>(co * kh * kw) << 2);
    const b = f32x4.splat(bias == 0 ? 0 : load<f32>(bias + (<usize>co << 2)));
    const dstPlane = out + (<usize>(co * oh * ow) << 2);
    for (let oy = 0; oy < oh; oy++) {
      const rowBase = work + <usize>(oy * sh) * rowBytes;
      const dst = dstPlane + (<usize>(oy * ow) << 2);
      for (let ox = 0; ox < ow; ox += 4) {
        let acc = b;
        const first = rowBase + (<usize>(ox * sw) << 2);
        for (let ky = 0; ky < kh; ky++) {
          const row = first + <usize>(ky * dh) * rowBytes;
          const tapRow = taps + (<usize>(ky * kw) << 2);
          for (let kx = 0; kx < kw; kx++) {
            acc = f32x4.add(acc, f32x4.mul(v128.load32_splat(tapRow + (<usize>kx << 2)), loadStrided(row + (<usize>(kx * dw) << 2), sw)));
          }
        }
        const at = dst + (<usize>ox << 2);
        if (ox + 4 <= ow) {
          v128.store(at, acc);
        } else {
          const rest = ow - ox;
          store<f32>(at, f32x4.extract_lane(acc, 0));
          if (rest > 1) store<f32>(at, f32x4.extract_lane(acc, 1), 4);
          if (rest > 2) store<f32>(at, f32x4.extract_lane(acc, 2), 8);
        }
      }
    }
    // The plane is still in cache: BatchNorm and activation maps now rather than in a later pass.
    finishPlane(dstPlane, oh * ow);
  }
}

/** Adds the column matrix [cout*kh*kw x h*w] of a transposed conv into its output (col2im). */
export function col2im(
  col: usize, out: usize, cout: i32, h: i32, w: i32, kh: i32, kw: i32, sh: i32, sw: i32,
  ph: i32, pw: i32, dh: i32, dw: i32, oh: i32, ow: i32,
): void {
  for (let co = 0; co < cout; co++) {
    const dstPlane = out + (<usize>(co * oh * ow) << 2);
    for (let ky = 0; ky < kh; ky++) {
      for (let kx = 0; kx < kw; kx++) {
        const src = col + (<usize>(((co * kh + ky) * kw + kx) * h * w) << 2);
        // Input columns whose output column lies inside: ix*sw - pw + kx*dw in [0, ow).
        const offset = kx * dw - pw;
        let ixLo = offset >= 0 ? 0 : (-offset + sw - 1) / sw;
        let ixHi = (ow - 1 - offset) / sw;
        if (ow - 1 - offset < 0) ixHi = -1;
        if (ixHi > w - 1) ixHi = w - 1;
        for (let iy = 0; iy < h; iy++) {
          const oy = iy * sh - ph + ky * dh;
          if (oy < 0 || oy >= oh) continue;
          const srcRow = src + (<usize>(iy * w) << 2);
          const dstRow = dstPlane + (<usize>(oy * ow + offset) << 2);
          for (let ix = ixLo; ix <= ixHi; ix++) {
            const at = dstRow + (<usize>(ix * sw) << 2);
            store<f32>(at, load<f32>(at) + load<f32>(srcRow + (<usize>ix << 2)));
          }
        }
      }
    }
  }
}

/**
 * 2-D max pooling of `planes` CHW planes (PyTorch semantics: windows clipped to the input,
 * NaN wins). Interior windows skip the bounds checks.
 */
export function maxPool2d(
  inp: usize, out: usize, planes: i32, h: i32, w: i32, kh: i32, kw: i32, sh: i32, sw: i32,
  ph: i32, pw: i32, dh: i32, dw: i32, oh: i32, ow: i32,
): void {
  for (let p = 0; p < planes; p++) {
    const plane = inp + (<usize>(p * h * w) << 2);
    const dstPlane = out + (<usize>(p * oh * ow) << 2);
    for (let oy = 0; oy < oh; oy++) {
      const y0 = oy * sh - ph;
      const rowsInside = y0 >= 0 && y0 + (kh - 1) * dh < h;
      for (let ox = 0; ox < ow; ox++) {
        const x0 = ox * sw - pw;
        let best: f32 = -Infinity;
        if (rowsInside && x0 >= 0 && x0 + (kw - 1) * dw < w) {
          for (let ky = 0; ky < kh; ky++) {
            const row = plane + (<usize>((y0 + ky * dh) * w + x0) << 2);
            for (let kx = 0; kx < kw; kx++) {
              const v = load<f32>(row + (<usize>(kx * dw) << 2));
              if (v > best || isNaN(v)) best = v;
            }
          }
        } else {
          for (let ky = 0; ky < kh; ky++) {
            const y = y0 + ky * dh;
            if (y < 0 || y >= h) continue;
            for (let kx = 0; kx < kw; kx++) {
              const x = x0 + kx * dw;
              if (x < 0 || x >= w) continue;
              const v = load<f32>(plane + (<usize>(y * w + x) << 2));
              if (v > best || isNaN(v)) best = v;
            }
          }
        }
        store<f32>(dstPlane + (<usize>(oy * ow + ox) << 2), best);
      }
    }
  }
}
