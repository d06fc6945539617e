/**
 * PyTorch `.pt` / `.pth` checkpoints (the zip format of torch.save since 1.6):
 * `<name>/data.pkl` (read with the restricted unpickler) and `<name>/data/<key>`
 * (raw little-endian storages). Returns the state_dict tensors, converted to float32.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import type { Tensor } from '../kernels/tensor';
import { dtypeSize, elementReader, type WeightDtype } from './dtypes';
import { restrictedUnpickle, type PickleDict } from './pickle';
import type { TensorRef } from './pickleGlobals';
import { WeightFileError } from './safetensors';

/** Largest uncompressed checkpoint member we accept (guards against zip bombs). */
const maxMemberBytes = 4 * 1024 * 1024 * 1024 - 1;

/** True when the bytes start a zip archive. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function fail(message: string): never {
  throw new WeightFileError(`invalid PyTorch checkpoint: ${message}`);
}

function materialize(ref: TensorRef, storage: Uint8Array, name: string): Tensor {
  const dtype = ref.storage.dtype as WeightDtype;
  const itemSize = dtypeSize[dtype];
  if (storage.length < ref.storage.numel * itemSize) {
    fail(`storage of '${name}' has ${storage.length} bytes, ${ref.storage.numel * itemSize} expected (truncated?)`);
  }
  if (ref.size.length !== ref.stride.length) fail(`tensor '${name}' has ${ref.size.length} sizes but ${ref.stride.length} strides`);
  const count = ref.size.reduce((a, b) => a * b, 1);
  let last = ref.offset;
  ref.size.forEach((size, axis) => {
    if (size > 0) last += (size - 1) * ref.stride[axis];
  });
  if (count > 0 && last >= ref.storage.numel) fail(`tensor '${name}' reaches element ${last} of a storage of ${ref.storage.numel}`);
  const read = elementReader(storage, dtype);
  const data = new Float32Array(count);
  const index = new Array<number>(ref.size.length).fill(0);
  for (let i = 0; i < count; i++) {
    let at = ref.offset;
    for (let axis = 0; axis < index.length; axis++) at += index[axis] * ref.stride[axis];
    data[i] = read(at);
    for (let axis = index.length - 1; axis >= 0; axis--) {
      if (++index[axis] < ref.size[axis]) break;
      index[axis] = 0;
    }
  }
  return { shape: [...ref.size], data };
}

/** Collects tensors from nested dicts with dotted keys (`state_dict` / `model` wrappers are unwrapped first). */
function collectTensors(value: unknown, prefix: string, out: Map<string, TensorRef>): void {
  if (value instanceof Map) {
    for (const [key, item] of value as PickleDict) collectTensors(item, prefix ? `${prefix}.${String(key)}` : String(key), out);
  } else if (typeof value === 'object' && value !== null && (value as TensorRef).kind === 'tensor') {
    out.set(prefix, value as TensorRef);
  }
}

function unwrapStateDict(root: unknown): unknown {
  if (!(root instanceof Map)) return root;
  for (const key of ['state_dict', 'model_state_dict', 'model']) {
    if (root.get(key) instanceof Map) return root.get(key);
  }
  return root;
}

/** Reads the state_dict tensors of a PyTorch zip checkpoint, in file order, as float32. */
export function readTorchCheckpoint(bytes: Uint8Array): Map<string, Tensor> {
  if (!looksLikeZip(bytes)) {
    if (bytes.length >= 2 && bytes[0] === 0x80) {
      fail('this is the legacy (pre-1.6) torch.save format; re-save it with a current PyTorch (zip format)');
    }
    fail('not a zip archive');
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file: UnzipFileInfo) => {
        if (file.originalSize > maxMemberBytes) fail(`member '${file.name}' claims ${file.originalSize} bytes`);
        return /(^|\/)data\.pkl$/.test(file.name) || /(^|\/)data\/[A-Za-z0-9_]+$/.test(file.name) || /(^|\/)byteorder$/.test(file.name);
      },
    });
  } catch (error) {
    if (error instanceof WeightFileError) throw error;
    fail(`the zip archive is damaged (${(error as Error).message})`);
  }
  const pickleName = Object.keys(files).find((name) => /^[^/]+\/data\.pkl$/.test(name) || name === 'data.pkl');
  if (!pickleName) fail('no data.pkl in the archive');
  const prefix = pickleName.slice(0, -'data.pkl'.length);
  const byteorder = files[`${prefix}byteorder`];
  if (byteorder && new TextDecoder().decode(byteorder).trim() !== 'little') fail('big-endian checkpoints are not supported');
  const refs = new Map<string, TensorRef>();
  collectTensors(unwrapStateDict(restrictedUnpickle(files[pickleName])), '', refs);
  if (refs.size === 0) fail('no tensors found in data.pkl');
  const tensors = new Map<string, Tensor>();
  for (const [name, ref] of refs) {
    const storage = files[`${prefix}data/${ref.storage.key}`];
    if (!storage) fail(`storage '${ref.storage.key}' of '${name}' is missing from the archive`);
    tensors.set(name, materialize(ref, storage, name));
  }
  return tensors;
}
