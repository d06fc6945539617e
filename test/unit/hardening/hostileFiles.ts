/**
 * Builders of hostile weight and image files, byte by byte, for the hardening tests: zip
 * archives with lying or enormous members, PyTorch state_dict pickles with any sizes and
 * strides, and PNG/JPEG files whose headers claim any dimensions. Real PyTorch writes the
 * stride-0 and shared-storage checkpoints (tools/golden/hostile_weights.py); what torch.save
 * would never write (a zip bomb, a lying header) is built here.
 */
import { constants, crc32 as nodeCrc32, deflateRawSync, deflateSync } from 'node:zlib';

/** One zip member: stored as is, or deflated bytes with whatever sizes the header should claim. */
export interface ZipMember {
  readonly name: string;
  readonly data: Uint8Array;
  /** Deflated member: `data` is a raw deflate stream and `declaredSize` the claimed inflated size. */
  readonly deflated?: { readonly declaredSize: number };
}

function crc32(bytes: Uint8Array): number {
  // node:zlib has crc32 from Node 20.15 on; older runtimes never meet a checked CRC here.
  return typeof nodeCrc32 === 'function' ? nodeCrc32(bytes) : 0;
}

/** A zip archive (no zip64) with the members' own declared sizes in both headers. */
export function zipArchive(members: readonly ZipMember[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name, 'utf8');
    const method = member.deflated ? 8 : 0;
    const size = member.deflated ? member.deflated.declaredSize : member.data.length;
    const crc = member.deflated ? 0 : crc32(member.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(member.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(member.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(member.data));
    centrals.push(central, name);
    offset += 30 + name.length + member.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/**
 * A raw deflate stream of `megabytes` MiB of zeros, built without ever holding them: one
 * 64 MiB block ended by a full flush (byte-aligned, no back-reference across it) is
 * repeated, then an empty final block closes the stream.
 */
export function zerosDeflated(megabytes: number): Uint8Array {
  const perBlock = 64;
  const block = deflateRawSync(Buffer.alloc(perBlock * 1024 * 1024), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const tail = megabytes % perBlock ? [deflateRawSync(Buffer.alloc((megabytes % perBlock) * 1024 * 1024), { level: 9, finishFlush: constants.Z_FULL_FLUSH })] : [];
  const blocks = Array.from({ length: Math.floor(megabytes / perBlock) }, () => block);
  return new Uint8Array(Buffer.concat([...blocks, ...tail, Buffer.from([0x03, 0x00])]));
}

/** One tensor of a hand-made state_dict: a view with any offset, size and stride of storage `key`. */
export interface PickledTensor {
  readonly name: string;
  readonly key: string;
  readonly numel: number;
  readonly offset?: number;
  readonly size: readonly number[];
  readonly stride: readonly number[];
}

/** The `data.pkl` torch.save writes for `{name: tensor}` (protocol 2, float32 storages). */
export function stateDictPickle(tensors: readonly PickledTensor[]): Uint8Array {
  const out: number[] = [0x80, 0x02, 0x7d, 0x28]; // PROTO 2, EMPTY_DICT, MARK
  const text = (value: string): void => {
    const bytes = Buffer.from(value, 'utf8');
    out.push(0x58, ...u32(bytes.length), ...bytes); // BINUNICODE
  };
  const int = (value: number): void => {
    if (value < 2 ** 31)
      out.push(0x4a, ...u32(value)); // BININT
    else out.push(0x8a, 0x08, ...Buffer.from(new BigInt64Array([BigInt(value)]).buffer)); // LONG1
  };
  const tuple = (values: readonly number[]): void => {
    out.push(0x28);
    values.forEach(int);
    out.push(0x74); // TUPLE
  };
  const global = (module: string, name: string): number[] => [0x63, ...Buffer.from(`${module}\n${name}\n`)];
  for (const tensor of tensors) {
    text(tensor.name);
    out.push(...global('torch._utils', '_rebuild_tensor_v2'), 0x28); // the callable, MARK of its arguments
    out.push(0x28); // MARK of the persistent id
    text('storage');
    out.push(...global('torch', 'FloatStorage'));
    text(tensor.key);
    text('cpu');
    int(tensor.numel);
    out.push(0x74, 0x51); // TUPLE, BINPERSID
    int(tensor.offset ?? 0);
    tuple(tensor.size);
    tuple(tensor.stride);
    out.push(0x89, ...global('collections', 'OrderedDict'), 0x29, 0x52); // requires_grad, OrderedDict()
    out.push(0x74, 0x52); // TUPLE of the arguments, REDUCE
  }
  out.push(0x75, 0x2e); // SETITEMS, STOP
  return new Uint8Array(out);
}

function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), Buffer.from(data)]);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length, 0);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(body) >>> 0, 0);
  return Buffer.concat([head, body, tail]);
}

/**
 * A valid 8-bit grayscale PNG of `width` x `height` black pixels. Large ones stay small on
 * disk: the pixel rows are deflated once per 64 rows and repeated (full flush), and the zlib
 * checksum of all-zero bytes is computed directly (a = 1, b = byte count mod 65521).
 */
export function blackPng(width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const rowBytes = width + 1;
  let idat: Buffer;
  if (rowBytes * height <= 1 << 20) {
    idat = deflateSync(Buffer.alloc(rowBytes * height));
  } else {
    const rowsPerBlock = 64;
    const block = deflateRawSync(Buffer.alloc(rowBytes * rowsPerBlock), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
    const rest = height % rowsPerBlock;
    const parts = Array.from({ length: Math.floor(height / rowsPerBlock) }, () => block);
    if (rest) parts.push(deflateRawSync(Buffer.alloc(rowBytes * rest), { level: 9, finishFlush: constants.Z_FULL_FLUSH }));
    const adler = Buffer.alloc(4);
    adler.writeUInt32BE((((rowBytes * height) % 65521) * 65536 + 1) >>> 0, 0);
    idat = Buffer.concat([Buffer.from([0x78, 0xda]), ...parts, Buffer.from([0x03, 0x00]), adler]);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', new Uint8Array(0))]));
}

/** A JPEG that is only a start-of-image, a baseline frame header claiming `width` x `height`, and an end. */
export function jpegHeaderOnly(width: number, height: number): Uint8Array {
  const frame = [0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00];
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0, ...frame, 0xff, 0xd9]);
}
