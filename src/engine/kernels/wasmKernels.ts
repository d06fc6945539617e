/**
 * The WebAssembly SIMD heavy kernels (compiled from `assembly/kernels.ts` by
 * AssemblyScript at build time into `dist/kernels.wasm`). The engine stays pure: the
 * caller reads the .wasm bytes (fs in node, fetch in a browser) and passes them in.
 */
import type { Conv2dGeometry, ConvEpilogue, EpilogueMaps, HeavyKernels } from './heavyKernels';

/** The slice of the WebAssembly JS API used here (the project's lib settings carry no DOM/wasm types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
  compile(bytes: Uint8Array): Promise<object>;
};

interface KernelExports {
  readonly memory: WasmMemory;
  heapBase(): number;
  conv2dScratchBytes(cin: number, groups: number, kh: number, kw: number): number;
  conv2d(...args: number[]): void;
  gemm(a: number, b: number, c: number, work: number, m: number, n: number, k: number): void;
  depthwise2d(...args: number[]): void;
  depthwiseScratchBytes(...args: number[]): number;
  col2im(...args: number[]): void;
  maxPool2d(...args: number[]): void;
  setEpilogue(out: number, plane: number, scale: number, shift: number, normalized: number, activated: number, kind: number): void;
}

const epilogueKinds = { none: 0, relu: 1, relu6: 2 } as const;

/** Memory kept for weights before the cache starts over (a whole model's weights, copied in once). */
const residentBudgetBytes = 256 * 2 ** 20;

/**
 * Bump allocator over the module's linear memory, reset for every call. Below the per-call
 * part sit copies of weights that outlive calls (`resident`), found again by weight array,
 * so a model's weights cross into the module once rather than at every run: weight arrays
 * are treated as immutable, as the loaders and the default init produce them.
 */
class Arena {
  private next: number;
  private base: number;
  private readonly start: number;
  private kept = new WeakMap<Float32Array, number>();
  constructor(private readonly exports: KernelExports) {
    this.start = exports.heapBase();
    this.base = this.start;
    this.next = this.base;
  }
  reset(): void {
    this.next = this.base;
  }
  /** The address of a kept copy of `values`, made now if needed; call right after `reset`. Over budget, every kept copy is dropped first. */
  resident(values: Float32Array): number {
    const known = this.kept.get(values);
    if (known !== undefined) return known;
    if (this.base - this.start + values.length * 4 > residentBudgetBytes) {
      this.base = this.start;
      this.kept = new WeakMap();
    }
    this.next = this.base;
    const at = this.put(values);
    this.base = this.next;
    this.kept.set(values, at);
    return at;
  }
  /** Reserves `bytes` (16-byte aligned), growing memory as needed, and returns the address. */
  take(bytes: number): number {
    const at = this.next;
    this.next = (at + bytes + 15) & ~15;
    const missing = this.next - this.exports.memory.buffer.byteLength;
    if (missing > 0) this.exports.memory.grow(Math.ceil(missing / 65536));
    return at;
  }
  put(values: Float32Array): number {
    const at = this.take(values.length * 4);
    new Float32Array(this.exports.memory.buffer, at, values.length).set(values);
    return at;
  }
  view(at: number, length: number): Float32Array {
    return new Float32Array(this.exports.memory.buffer, at, length);
  }
}

function geometryArgs(g: Conv2dGeometry): number[] {
  return [g.kernelHeight, g.kernelWidth, g.strideHeight, g.strideWidth, g.padTop, g.padLeft, g.dilationHeight, g.dilationWidth];
}

const imports = {
  env: {
    abort: () => {
      throw new Error('kernels.wasm aborted');
    },
  },
};

/** Instantiates the kernels from the bytes of `kernels.wasm` (synchronous: fine in workers and node). */
export function createWasmKernels(wasmBytes: Uint8Array): HeavyKernels {
  return kernelsFromModule(new WebAssembly.Module(wasmBytes));
}

/** Same, compiling asynchronously (a browser main thread refuses synchronous compiles over 4 KB). */
export async function createWasmKernelsAsync(wasmBytes: Uint8Array): Promise<HeavyKernels> {
  return kernelsFromModule(await WebAssembly.compile(wasmBytes));
}

function kernelsFromModule(module: object): HeavyKernels {
  const instance = new WebAssembly.Instance(module, imports);
  const exports = instance.exports as unknown as KernelExports;
  const arena = new Arena(exports);

  function conv2d(g: Conv2dGeometry, input: Float32Array, weight: Float32Array, bias: Float32Array | null): Float32Array {
    arena.reset();
    const outLength = g.outChannels * g.outHeight * g.outWidth;
    const weightAt = arena.resident(weight);
    const [inAt, biasAt] = [arena.put(input), bias ? arena.put(bias) : 0];
    const outAt = arena.take(outLength * 4);
    runConv2d(g, inAt, weightAt, biasAt, outAt);
    return arena.view(outAt, outLength).slice();
  }

  function conv2dEpilogue(g: Conv2dGeometry, input: Float32Array, weight: Float32Array, bias: Float32Array | null, epilogue: ConvEpilogue): EpilogueMaps {
    arena.reset();
    const outLength = g.outChannels * g.outHeight * g.outWidth;
    const weightAt = arena.resident(weight);
    const [inAt, biasAt] = [arena.put(input), bias ? arena.put(bias) : 0];
    const outAt = arena.take(outLength * 4);
    const normalizedAt = arena.take(outLength * 4);
    const activatedAt = epilogue.activation === 'none' ? 0 : arena.take(outLength * 4);
    exports.setEpilogue(outAt, g.outHeight * g.outWidth, arena.put(epilogue.scale), arena.put(epilogue.shift), normalizedAt, activatedAt, epilogueKinds[epilogue.activation]);
    try {
      runConv2d(g, inAt, weightAt, biasAt, outAt);
    } finally {
      exports.setEpilogue(0, 1, 0, 0, 0, 0, 0);
    }
    return {
      conv: arena.view(outAt, outLength).slice(),
      normalized: arena.view(normalizedAt, outLength).slice(),
      activated: activatedAt ? arena.view(activatedAt, outLength).slice() : null,
    };
  }

  function runConv2d(g: Conv2dGeometry, inAt: number, weightAt: number, biasAt: number, outAt: number): void {
    const depthwise = g.groups === g.inChannels && g.groups > 1;
    if (depthwise) {
      const workAt = arena.take(exports.depthwiseScratchBytes(g.inHeight, g.inWidth, ...geometryArgs(g), g.outHeight, g.outWidth));
      exports.depthwise2d(inAt, weightAt, biasAt, outAt, workAt, g.outChannels, g.outChannels / g.inChannels, g.inHeight, g.inWidth, ...geometryArgs(g), g.outHeight, g.outWidth);
    } else {
      const workAt = arena.take(exports.conv2dScratchBytes(g.inChannels, g.groups, g.kernelHeight, g.kernelWidth));
      exports.conv2d(inAt, weightAt, biasAt, outAt, workAt, g.inChannels, g.inHeight, g.inWidth, g.outChannels, ...geometryArgs(g), g.groups, g.outHeight, g.outWidth);
    }
  }

  function convTranspose2d(g: Conv2dGeometry, input: Float32Array, weight: Float32Array, bias: Float32Array | null): Float32Array {
    arena.reset();
    const inPerGroup = g.inChannels / g.groups;
    const outPerGroup = g.outChannels / g.groups;
    const taps = g.kernelHeight * g.kernelWidth;
    const rows = outPerGroup * taps;
    const inPlane = g.inHeight * g.inWidth;
    const outPlane = g.outHeight * g.outWidth;
    const inAt = arena.put(input);
    const outAt = arena.take(g.outChannels * outPlane * 4);
    const out = arena.view(outAt, g.outChannels * outPlane);
    for (let c = 0; c < g.outChannels; c++) out.fill(bias ? bias[c] : 0, c * outPlane, (c + 1) * outPlane);
    const transposedAt = arena.take(rows * inPerGroup * 4);
    const colAt = arena.take(rows * inPlane * 4);
    const workAt = arena.take(inPerGroup * 64 + 192);
    for (let group = 0; group < g.groups; group++) {
      // The column matrix needs the weight as [C_out/g * kH * kW, C_in/g].
      const transposed = arena.view(transposedAt, rows * inPerGroup);
      const base = group * inPerGroup * rows;
      for (let ci = 0; ci < inPerGroup; ci++) {
        for (let r = 0; r < rows; r++) transposed[r * inPerGroup + ci] = weight[base + ci * rows + r];
      }
      exports.gemm(transposedAt, inAt + group * inPerGroup * inPlane * 4, colAt, workAt, rows, inPlane, inPerGroup);
      exports.col2im(colAt, outAt + group * outPerGroup * outPlane * 4, outPerGroup, g.inHeight, g.inWidth, ...geometryArgs(g), g.outHeight, g.outWidth);
    }
    return arena.view(outAt, g.outChannels * outPlane).slice();
  }

  function maxPool2d(g: Conv2dGeometry, planes: number, input: Float32Array): Float32Array {
    arena.reset();
    const outLength = planes * g.outHeight * g.outWidth;
    const inAt = arena.put(input);
    const outAt = arena.take(outLength * 4);
    exports.maxPool2d(inAt, outAt, planes, g.inHeight, g.inWidth, ...geometryArgs(g), g.outHeight, g.outWidth);
    return arena.view(outAt, outLength).slice();
  }

  /** `[rows, inner] @ weight^T` as the GEMM `weight [outer, inner] @ input^T`, the weight kept in memory. */
  function linear(input: Float32Array, rows: number, inner: number, weight: Float32Array, outer: number): Float32Array {
    arena.reset();
    const weightAt = arena.resident(weight);
    const columns = new Float32Array(inner * rows);
    for (let r = 0; r < rows; r++) for (let i = 0; i < inner; i++) columns[i * rows + r] = input[r * inner + i];
    const columnsAt = arena.put(columns);
    const outAt = arena.take(outer * rows * 4);
    exports.gemm(weightAt, columnsAt, outAt, arena.take(inner * 64 + 192), outer, rows, inner);
    const product = arena.view(outAt, outer * rows);
    const out = new Float32Array(rows * outer);
    for (let o = 0; o < outer; o++) for (let r = 0; r < rows; r++) out[r * outer + o] = product[o * rows + r];
    return out;
  }

  return { name: 'wasm-simd', conv2d, conv2dEpilogue, convTranspose2d, maxPool2d, linear };
}
