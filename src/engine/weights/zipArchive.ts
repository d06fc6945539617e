/**
 * Just enough of the zip format for PyTorch checkpoints, read from the central directory
 * so that nothing is inflated until it is needed. A member's declared sizes are checked
 * against the bytes the file really has before anything is allocated, and a deflated
 * member is inflated in small input chunks that stop at its declared size (or earlier, at
 * the bytes the caller needs): a zip bomb costs what is asked of it, never what it claims.
 */
import { Inflate } from 'fflate';
import { WeightFileError } from './safetensors';

/** One member as the central directory describes it. */
export interface ZipMember {
  readonly name: string;
  /** 0 stored, 8 deflated (the only two methods a checkpoint uses). */
  readonly method: number;
  readonly compressedSize: number;
  /** The declared inflated size. */
  readonly size: number;
  /** Offset of the member's local header. */
  readonly headerOffset: number;
}

/** Deflate cannot expand more than this (258-byte matches of 2 bits each, and a little). */
export const maxDeflateRatio = 1032;

/** Compressed input fed to the inflater per step: each step writes at most ~1 MiB. */
const inflateChunkBytes = 1024;

function fail(message: string): never {
  throw new WeightFileError(`invalid PyTorch checkpoint: ${message}`);
}

function endOfDirectory(view: DataView): number {
  // The end record is 22 bytes plus a comment of at most 65,535 bytes.
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === 0x06054b50) return at;
  }
  return fail('the zip archive is damaged (no end of central directory; truncated?)');
}

/** Zip64 fields replace the 32-bit ones that are all ones, in this order. */
function zip64Fields(view: DataView, extraStart: number, extraEnd: number, wanted: number): number[] {
  for (let at = extraStart; at + 4 <= extraEnd;) {
    const id = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      const values: number[] = [];
      for (let i = 0; i < wanted && at + 4 + 8 * (i + 1) <= extraEnd; i++) values.push(Number(view.getBigUint64(at + 4 + 8 * i, true)));
      return values;
    }
    at += 4 + length;
  }
  return [];
}

/** The members of a zip archive, each checked to lie inside the file. */
export function zipMembers(bytes: Uint8Array): Map<string, ZipMember> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22) fail('the zip archive is damaged (truncated?)');
  const end = endOfDirectory(view);
  let count = view.getUint16(end + 10, true);
  let directory = view.getUint32(end + 16, true);
  if (count === 0xffff || directory === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) fail('the zip archive is damaged (zip64 locator missing)');
    const record = Number(view.getBigUint64(locator + 8, true));
    if (record + 56 > bytes.length || view.getUint32(record, true) !== 0x06064b50) fail('the zip archive is damaged (zip64 end record missing)');
    count = Number(view.getBigUint64(record + 32, true));
    directory = Number(view.getBigUint64(record + 48, true));
  }
  const members = new Map<string, ZipMember>();
  let at = directory;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) fail('the zip archive is damaged (bad central directory entry)');
    const method = view.getUint16(at + 10, true);
    let compressedSize = view.getUint32(at + 20, true);
    let size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let headerOffset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const big = [size, compressedSize, headerOffset].filter((value) => value === 0xffffffff).length;
    if (big > 0) {
      const values = zip64Fields(view, at + 46 + nameLength, at + 46 + nameLength + extraLength, big);
      if (size === 0xffffffff) size = values.shift() ?? fail(`member '${name}' lacks its zip64 sizes`);
      if (compressedSize === 0xffffffff) compressedSize = values.shift() ?? fail(`member '${name}' lacks its zip64 sizes`);
      if (headerOffset === 0xffffffff) headerOffset = values.shift() ?? fail(`member '${name}' lacks its zip64 offset`);
    }
    members.set(name, { name, method, compressedSize, size, headerOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return members;
}

/** Where a member's data starts, after checking that its compressed bytes lie inside the file. */
function dataStart(bytes: Uint8Array, member: ZipMember): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = member.headerOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) fail(`member '${member.name}' has no local header (truncated?)`);
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (start + member.compressedSize > bytes.length) {
    fail(`member '${member.name}' needs ${member.compressedSize} bytes at offset ${start}, but the file has ${bytes.length} (truncated?)`);
  }
  return start;
}

/**
 * Checks a member's claims against the file before anything is read: a stored member holds
 * exactly its compressed bytes, a deflated one cannot claim more than deflate can expand.
 */
export function checkMemberSize(bytes: Uint8Array, member: ZipMember): void {
  dataStart(bytes, member);
  if (member.method === 0 && member.size !== member.compressedSize) {
    fail(`stored member '${member.name}' declares ${member.size} bytes but holds ${member.compressedSize}`);
  }
  if (member.method === 8 && member.size > member.compressedSize * maxDeflateRatio + 1024) {
    fail(`member '${member.name}' claims ${member.size} bytes from ${member.compressedSize} compressed bytes, more than deflate can expand (${maxDeflateRatio}:1)`);
  }
  if (member.method !== 0 && member.method !== 8) fail(`member '${member.name}' uses compression method ${member.method} (only stored and deflated are supported)`);
}

/**
 * The first `wanted` bytes of a member (all of it by default). Stored members are views of
 * the file, not copies; deflated ones are inflated a chunk at a time and never past
 * `wanted` or the declared size.
 */
export function readMember(bytes: Uint8Array, member: ZipMember, wanted = member.size): Uint8Array {
  checkMemberSize(bytes, member);
  const start = dataStart(bytes, member);
  if (wanted > member.size) fail(`member '${member.name}' has ${member.size} bytes, ${wanted} needed (truncated?)`);
  if (member.method === 0) return bytes.subarray(start, start + wanted);
  const out = new Uint8Array(wanted);
  let written = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    const room = Math.min(chunk.length, wanted - written);
    out.set(chunk.subarray(0, room), written);
    written += room;
    if (room < chunk.length) overflow = true;
  });
  const compressed = bytes.subarray(start, start + member.compressedSize);
  try {
    for (let at = 0; at < compressed.length && written < wanted && !overflow; at += inflateChunkBytes) {
      const next = Math.min(at + inflateChunkBytes, compressed.length);
      inflater.push(compressed.subarray(at, next), next === compressed.length);
    }
  } catch (error) {
    fail(`member '${member.name}' does not inflate (${(error as Error).message})`);
  }
  if (overflow && wanted === member.size) fail(`member '${member.name}' inflates past its declared ${member.size} bytes`);
  if (written < wanted) fail(`member '${member.name}' inflates to ${written} bytes, ${wanted} expected (truncated?)`);
  return out;
}
