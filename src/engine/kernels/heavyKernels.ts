/**
 * The interface of the compute-heavy 2-D kernels (convolution and transposed
 * convolution on one image, CHW). Two implementations give the same results within
 * float32 rounding: plain TypeScript (`tsKernels.ts`, always available) and WebAssembly
 * SIMD compiled from `assembly/` at build time (`wasmKernels.ts`).
 */

/** Geometry of a 2-D convolution on one image; zero padding is implicit (outside = 0). */
export interface Conv2dGeometry {
  readonly inChannels: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outChannels: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  /** Zero rows added before the first input row (bottom padding follows from outHeight). */
  readonly padTop: number;
  readonly padLeft: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
  readonly groups: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

/** Activations a conv's epilogue can apply. */
export type EpilogueActivation = 'none' | 'relu' | 'relu6';

/**
 * What a conv also computes while each output tile is still in registers: a following
 * BatchNorm as `normalized = conv * scale[c] + shift[c]`, and a following activation of that.
 */
export interface ConvEpilogue {
  readonly scale: Float32Array;
  readonly shift: Float32Array;
  readonly activation: EpilogueActivation;
}

/** The maps of a conv with an epilogue; `activated` is null when the activation is 'none'. */
export interface EpilogueMaps {
  readonly conv: Float32Array;
  readonly normalized: Float32Array;
  readonly activated: Float32Array | null;
}

/**
 * Compute-heavy kernels. `input` is one image `[C_in, H, W]`; conv weights are PyTorch's
 * `[C_out, C_in/g, kH, kW]`, transposed-conv weights `[C_in, C_out/g, kH, kW]`.
 * For a transposed conv the geometry's `in*` fields describe its input, `pad*` are the
 * PyTorch `padding` (cropped from the full scatter) and `out*` include output_padding.
 */
export interface HeavyKernels {
  readonly name: 'typescript' | 'wasm-simd';
  conv2d(geometry: Conv2dGeometry, input: Float32Array, weight: Float32Array, bias: Float32Array | null): Float32Array;
  /** `conv2d` plus its epilogue's maps, in one pass over the output. */
  conv2dEpilogue(geometry: Conv2dGeometry, input: Float32Array, weight: Float32Array, bias: Float32Array | null, epilogue: ConvEpilogue): EpilogueMaps;
  convTranspose2d(geometry: Conv2dGeometry, input: Float32Array, weight: Float32Array, bias: Float32Array | null): Float32Array;
  /**
   * 2-D max pooling of `planes` planes (`in*`, `kernel*`, `stride*`, `pad*`, `dilation*`,
   * `out*` of the geometry; channel fields unused). Optional: without it the pooling
   * layer's own TypeScript loop runs.
   */
  maxPool2d?(geometry: Conv2dGeometry, planes: number, input: Float32Array): Float32Array;
  /** `input [rows, inner] @ weight [outer, inner]^T` (a Linear layer without its bias). Optional, as `maxPool2d`. */
  linear?(input: Float32Array, rows: number, inner: number, weight: Float32Array, outer: number): Float32Array;
}
