/**
 * PyTorch `.pt` / `.pth` checkpoints (the zip format of torch.save since 1.6):
 * `<name>/data.pkl` (read with the restricted unpickler) and `<name>/data/<key>`
 * (raw little-endian storages). Every tensor is sized up against its storage, and every
 * storage against the bytes the file really has, before anything is read; a tensor's data
 * is converted to float32 only when a layer takes it.
 */
import type { Tensor } from '../kernels/tensor';
import { dtypeSize, elementReader, type WeightDtype } from './dtypes';
import { restrictedUnpickle, type PickleDict } from './pickle';
import type { TensorRef } from './pickleGlobals';
import { WeightFileError } from './safetensors';
import { lazyTensor, type WeightTensor } from './weightTensor';
import { checkMemberSize, readMember, zipMembers, type ZipMember } from './zipArchive';

/** A state_dict's pickle is a few hundred bytes per tensor; more than this is not one. */
export const maxPickleBytes = 64 * 1024 * 1024;

/** Storage bytes a checkpoint may inflate in total (stored members are read in place, free). */
export const maxInflatedBytes = 1024 * 1024 * 1024;

/** True when the bytes start a zip archive. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function fail(message: string): never {
  throw new WeightFileError(`invalid PyTorch checkpoint: ${message}`);
}

const describeView = (ref: TensorRef): string => `size [${ref.size.join(', ')}], stride [${ref.stride.join(', ')}], offset ${ref.offset}`;

/** The number of elements of the view; refuses a view its storage (or the storage's member) cannot hold. */
function sizeUp(ref: TensorRef, name: string, member: ZipMember): number {
  const itemSize = dtypeSize[ref.storage.dtype as WeightDtype];
  if (member.size < ref.storage.numel * itemSize) {
    fail(`storage of '${name}' has ${member.size} bytes, ${ref.storage.numel * itemSize} expected (truncated?)`);
  }
  if (ref.size.length !== ref.stride.length) fail(`tensor '${name}' has ${ref.size.length} sizes but ${ref.stride.length} strides`);
  const count = ref.size.reduce((a, b) => a * b, 1);
  if (count === 0) return count;
  let last = ref.offset;
  ref.size.forEach((size, axis) => {
    last += (size - 1) * ref.stride[axis];
  });
  if (last >= ref.storage.numel) fail(`tensor '${name}' (${describeView(ref)}) reaches element ${last} of a storage of ${ref.storage.numel}`);
  // A view repeating elements (stride 0, overlapping strides) would be materialised at its
  // full size: refuse one that claims more elements than its storage holds.
  if (count > ref.storage.numel) {
    fail(`tensor '${name}' (${describeView(ref)}) claims ${count} elements, but its storage holds ${ref.storage.numel}`);
  }
  return count;
}

function materialize(ref: TensorRef, storage: Uint8Array, count: number): Tensor {
  const read = elementReader(storage, ref.storage.dtype as WeightDtype);
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

/** The archive's members and the prefix (`archive/`, `tiny_cnn/`, ...) they live under. */
function openArchive(bytes: Uint8Array): { members: Map<string, ZipMember>; prefix: string } {
  if (!looksLikeZip(bytes)) {
    if (bytes.length >= 2 && bytes[0] === 0x80) {
      fail('this is the legacy (pre-1.6) torch.save format; re-save it with a current PyTorch (zip format)');
    }
    fail('not a zip archive');
  }
  const members = zipMembers(bytes);
  const pickleName = [...members.keys()].find((name) => /^[^/]+\/data\.pkl$/.test(name) || name === 'data.pkl');
  if (!pickleName) fail('no data.pkl in the archive');
  const prefix = pickleName.slice(0, -'data.pkl'.length);
  const byteorder = members.get(`${prefix}byteorder`);
  if (byteorder && new TextDecoder().decode(readMember(bytes, byteorder, Math.min(byteorder.size, 16))).trim() !== 'little') {
    fail('big-endian checkpoints are not supported');
  }
  return { members, prefix };
}

/**
 * Sizes up the state_dict tensors of a PyTorch zip checkpoint, in file order. Nothing is
 * converted until a tensor's `read()`; a storage shared by many views is inflated once.
 */
export function readTorchCheckpoint(bytes: Uint8Array): Map<string, WeightTensor> {
  const { members, prefix } = openArchive(bytes);
  const pickle = members.get(`${prefix}data.pkl`) as ZipMember;
  if (pickle.size > maxPickleBytes) fail(`data.pkl is ${pickle.size} bytes, over the ${maxPickleBytes}-byte limit for a state_dict`);
  const refs = new Map<string, TensorRef>();
  collectTensors(unwrapStateDict(restrictedUnpickle(readMember(bytes, pickle))), '', refs);
  if (refs.size === 0) fail('no tensors found in data.pkl');
  const storages = new Map<string, Uint8Array>();
  let inflated = 0;
  const storageBytes = (member: ZipMember, ref: TensorRef): Uint8Array => {
    const wanted = ref.storage.numel * dtypeSize[ref.storage.dtype as WeightDtype];
    let storage = storages.get(member.name);
    // Views of one storage may (in a hostile pickle) disagree on its length: the longest wins.
    if (!storage || storage.length < wanted) {
      if (member.method !== 0) {
        inflated += wanted;
        if (inflated > maxInflatedBytes) fail(`inflating storage '${ref.storage.key}' brings the checkpoint to ${inflated} bytes, over the ${maxInflatedBytes}-byte limit`);
      }
      storage = readMember(bytes, member, wanted);
      storages.set(member.name, storage);
    }
    return storage;
  };
  const tensors = new Map<string, WeightTensor>();
  for (const [name, ref] of refs) {
    const member = members.get(`${prefix}data/${ref.storage.key}`);
    if (!member) fail(`storage '${ref.storage.key}' of '${name}' is missing from the archive`);
    checkMemberSize(bytes, member);
    const count = sizeUp(ref, name, member);
    tensors.set(
      name,
      lazyTensor(ref.size, () => materialize(ref, storageBytes(member, ref), count)),
    );
  }
  return tensors;
}
