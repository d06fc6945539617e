/**
 * The allow-list of the restricted unpickler: the few globals a pickled state_dict names
 * (storage types, the tensor rebuild functions, OrderedDict, torch.Size, set), each a
 * *description* of what calling it builds, and the storage references of persistent ids.
 * Anything else stops the load with an error naming it; nothing is ever executed.
 */
import { WeightFileError } from './safetensors';

/** A storage reference from a persistent id: `('storage', torch.FloatStorage, key, location, numel)`. */
export interface StorageRef {
  readonly kind: 'storage';
  readonly dtype: string;
  readonly key: string;
  readonly numel: number;
}

/** What `torch._utils._rebuild_tensor_v2` would rebuild. */
export interface TensorRef {
  readonly kind: 'tensor';
  readonly storage: StorageRef;
  readonly offset: number;
  readonly size: readonly number[];
  readonly stride: readonly number[];
}

/** An allowed global, as a marker object (the unpickler interprets it, it is not callable). */
interface GlobalRef {
  readonly kind: 'global';
  readonly name: string;
}

const storageTypes: Readonly<Record<string, string>> = {
  FloatStorage: 'F32',
  DoubleStorage: 'F64',
  HalfStorage: 'F16',
  BFloat16Storage: 'BF16',
  LongStorage: 'I64',
  IntStorage: 'I32',
  ShortStorage: 'I16',
  CharStorage: 'I8',
  ByteStorage: 'U8',
  BoolStorage: 'BOOL',
};

const allowedGlobals = new Set([
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_tensor',
  'torch._utils._rebuild_parameter',
  'torch.Size',
  'builtins.set',
  '__builtin__.set',
  ...Object.keys(storageTypes).map((name) => `torch.${name}`),
]);

/** Stops the load: the checkpoint is not a plain state_dict. */
export function refuse(message: string): never {
  throw new WeightFileError(`refused checkpoint: ${message}`);
}

function asNumbers(value: unknown, what: string): number[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)) {
    refuse(`${what} is not a tuple of non-negative integers`);
  }
  return value as number[];
}

/** REDUCE / NEWOBJ: what calling an allowed global with `args` builds. */
export function callGlobal(fn: unknown, args: unknown): unknown {
  if (typeof fn !== 'object' || fn === null || (fn as GlobalRef).kind !== 'global') refuse('REDUCE on something that is not an allowed global');
  const name = (fn as GlobalRef).name;
  const list = Array.isArray(args) ? args : refuse(`arguments of ${name} are not a tuple`);
  switch (name) {
    case 'collections.OrderedDict':
      return new Map();
    case 'torch.Size':
      return asNumbers(list[0] ?? [], 'torch.Size');
    case 'builtins.set':
    case '__builtin__.set':
      return Array.isArray(list[0]) ? [...(list[0] as unknown[])] : [];
    case 'torch._utils._rebuild_parameter':
      return list[0];
    case 'torch._utils._rebuild_tensor':
    case 'torch._utils._rebuild_tensor_v2': {
      const storage = list[0] as StorageRef;
      if (typeof storage !== 'object' || storage === null || storage.kind !== 'storage') refuse('tensor without a storage');
      const offset = list[1];
      if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) refuse('tensor storage offset is invalid');
      const tensor: TensorRef = { kind: 'tensor', storage, offset, size: asNumbers(list[2], 'tensor size'), stride: asNumbers(list[3], 'tensor stride') };
      return tensor;
    }
    default:
      return refuse(`global '${name}' cannot be called`);
  }
}

/** BINPERSID: the tensor storage a persistent id names; nothing else is allowed. */
export function persistentLoad(pid: unknown): StorageRef {
  if (!Array.isArray(pid) || pid[0] !== 'storage' || pid.length < 5) refuse('unknown persistent id (only tensor storages are allowed)');
  const type = pid[1] as GlobalRef;
  const short = typeof type === 'object' && type !== null && type.kind === 'global' ? type.name.replace(/^torch\./, '') : '';
  const dtype = storageTypes[short];
  if (!dtype) refuse(`unsupported storage type '${short || String(type)}'`);
  if (typeof pid[2] !== 'string' || !/^[A-Za-z0-9_]+$/.test(pid[2])) refuse('storage key is not a plain name');
  if (typeof pid[4] !== 'number' || !Number.isSafeInteger(pid[4]) || pid[4] < 0) refuse('storage size is invalid');
  return { kind: 'storage', dtype, key: pid[2], numel: pid[4] };
}

/** GLOBAL / STACK_GLOBAL: a marker for `module.name` if the allow-list holds it, else the load stops. */
export function lookupGlobal(module: string, name: string): GlobalRef {
  const full = `${module}.${name}`;
  if (!allowedGlobals.has(full)) refuse(`it references the global '${full}', which a state_dict of tensors never needs (nothing was executed)`);
  return { kind: 'global', name: full };
}
