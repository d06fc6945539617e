/**
 * `.safetensors` reading and writing: an 8-byte little-endian header length, a JSON
 * header `{name: {dtype, shape, data_offsets: [begin, end]}, __metadata__?}`, then the
 * raw little-endian data. Every field is validated, because weight files are untrusted
 * input: a hostile header gets a clear error, never an out-of-bounds read or a huge allocation.
 */
import type { Tensor } from '../kernels/tensor';
import { dtypeSize, elementReader, isWeightDtype } from './dtypes';
import { lazyTensor, type WeightTensor } from './weightTensor';

/** Thrown for a malformed or unsupported weight file; the message says what is wrong. */
export class WeightFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightFileError';
  }
}

/**
 * Headers larger than this are refused before they are decoded. The reference implementation
 * allows 100 MB, but a header is ~150 bytes per tensor: 16 MiB is 100,000 tensors, and
 * parsing a 100 MB header alone costs hundreds of MB.
 */
export const maxHeaderBytes = 16 * 1024 * 1024;

function fail(message: string): never {
  throw new WeightFileError(`invalid .safetensors file: ${message}`);
}

/** True when the bytes plausibly start a safetensors file (length prefix then `{`). */
export function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getBigUint64(0, true);
  return length > 1n && length <= BigInt(bytes.length - 8) && bytes[8] === 0x7b;
}

/**
 * Sizes up every tensor of a `.safetensors` file, in file order: each one's bytes are
 * checked to lie inside the file, and converted to float32 only on `read()`.
 */
export function sizeSafetensors(bytes: Uint8Array): Map<string, WeightTensor> {
  if (bytes.length < 8) fail(`file is ${bytes.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getBigUint64(0, true);
  if (declared > BigInt(maxHeaderBytes)) fail(`header length ${declared} is over the ${maxHeaderBytes}-byte limit`);
  const headerLength = Number(declared);
  if (8 + headerLength > bytes.length) fail(`header length ${headerLength} runs past the end of the ${bytes.length}-byte file (truncated?)`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (error) {
    fail(`header is not valid UTF-8 JSON (${(error as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('header is not a JSON object');
  const data = bytes.subarray(8 + headerLength);
  const entries = Object.entries(header as Record<string, unknown>).filter(([name]) => name !== '__metadata__');
  const ranges: [number, number, string][] = [];
  const tensors = new Map<string, WeightTensor>();
  for (const [name, entry] of entries) {
    if (typeof entry !== 'object' || entry === null) fail(`entry '${name}' is not an object`);
    const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
    if (!isWeightDtype(dtype)) fail(`tensor '${name}' has unsupported dtype ${JSON.stringify(dtype)}`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      fail(`tensor '${name}' has an invalid shape ${JSON.stringify(shape)}`);
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      fail(`tensor '${name}' has invalid data_offsets ${JSON.stringify(offsets)}`);
    }
    const [begin, end] = offsets as number[];
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (end < begin) fail(`tensor '${name}' data_offsets [${begin}, ${end}] end before they begin`);
    if (end - begin !== count * dtypeSize[dtype]) {
      fail(`tensor '${name}' of shape [${(shape as number[]).join(', ')}] and dtype ${dtype} needs ${count * dtypeSize[dtype]} bytes, data_offsets give ${end - begin}`);
    }
    if (end > data.length) fail(`tensor '${name}' data [${begin}, ${end}) runs past the end of the ${data.length}-byte data section (truncated?)`);
    ranges.push([begin, end, name]);
    const dims = [...(shape as number[])];
    tensors.set(
      name,
      lazyTensor(dims, () => {
        const read = elementReader(data.subarray(begin, end), dtype);
        const values = new Float32Array(count);
        for (let i = 0; i < count; i++) values[i] = read(i);
        return { shape: dims, data: values };
      }),
    );
  }
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i][0] < ranges[i - 1][1]) fail(`tensors '${ranges[i - 1][2]}' and '${ranges[i][2]}' overlap`);
  }
  return tensors;
}

/** Reads every tensor of a `.safetensors` file, converted to float32, in file order. */
export function readSafetensors(bytes: Uint8Array): Map<string, Tensor> {
  return new Map([...sizeSafetensors(bytes)].map(([name, tensor]) => [name, tensor.read()]));
}

/** Writes float32 tensors as a `.safetensors` file (header padded to 8 bytes, as the reference writer does). */
export function writeSafetensors(tensors: ReadonlyMap<string, Tensor>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = Object.keys(metadata).length ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const [name, tensor] of tensors) {
    const size = tensor.data.length * 4;
    header[name] = { dtype: 'F32', shape: [...tensor.shape], data_offsets: [offset, offset + size] };
    offset += size;
  }
  const json = JSON.stringify(header);
  const unpadded = new TextEncoder().encode(json).length;
  const headerBytes = new TextEncoder().encode(json + ' '.repeat((8 - (unpadded % 8)) % 8));
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let position = 8 + headerBytes.length;
  for (const tensor of tensors.values()) {
    for (let i = 0; i < tensor.data.length; i++, position += 4) view.setFloat32(position, tensor.data[i], true);
  }
  return out;
}
