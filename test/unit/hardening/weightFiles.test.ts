/**
 * Hostile weight files are sized up before anything is read: views that claim more than
 * their storage, storages shared by thousands of views, zip bombs, lying zip headers and
 * oversized safetensors headers are refused (naming the limit and the actual size) or cost
 * only what the model takes, each within 2 s and 200 MB.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchWeights, type WeightMatchLayer } from '../../../src/engine/weights/matchWeights';
import { maxHeaderBytes } from '../../../src/engine/weights/safetensors';
import { maxInflatedBytes } from '../../../src/engine/weights/torchCheckpoint';
import { readWeightFile } from '../../../src/engine/weights/weightFile';
import { refusedWithinBound, withinBound } from './bounded';
import { stateDictPickle, zerosDeflated, zipArchive, type PickledTensor } from './hostileFiles';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(__dirname, '..', '..', 'fixtures', 'weights', name)));
const linear = (path: string, inFeatures: number, outFeatures: number): WeightMatchLayer => ({
  path,
  kind: 'Linear',
  args: { in_features: inFeatures, out_features: outFeatures, bias: false },
});

/** 4,032 MiB of zeros deflated into about 4 MB, as the storage of `tensor`, declared honestly. */
function zipBomb(tensor: Omit<PickledTensor, 'key'>, declaredSize = 4032 * 2 ** 20, megabytes = 4032): Uint8Array {
  return zipArchive([
    { name: 'archive/data.pkl', data: stateDictPickle([{ ...tensor, key: '0' }]) },
    { name: 'archive/data/0', data: zerosDeflated(megabytes), deflated: { declaredSize } },
    { name: 'archive/version', data: new TextEncoder().encode('3\n') },
  ]);
}

describe('hostile checkpoints are sized up before they are read', () => {
  it('a view of 2^31-1 elements over a 1-element storage (stride 0, written by torch.save) is refused at once', async () => {
    const bytes = fixture('hostile_stride0.pt');
    await refusedWithinBound(
      () => readWeightFile(bytes, 'hostile_stride0.pt'),
      /tensor 'weight' \(size \[2147483647\], stride \[0\], offset 0\) claims 2147483647 elements, but its storage holds 1/,
    );
  });

  it('2,000 views of one storage cost one view per layer that takes it, read correctly', async () => {
    const bytes = fixture('hostile_shared_storage.pt');
    const match = await withinBound(() => matchWeights([linear('blocks.0', 256, 256), linear('blocks.1999', 256, 256)], readWeightFile(bytes, 'shared.pt')));
    assert.deepEqual(match.matched, ['blocks.0.weight', 'blocks.1999.weight']);
    assert.equal(match.unused.length, 1998);
    const weight = match.weightsByPath.get('blocks.1999')?.weight;
    assert.ok(weight);
    assert.deepEqual([...weight.shape], [256, 256]);
    // tools/golden/hostile_weights.py stores torch.arange(65536) in the shared storage.
    assert.ok(weight.data.every((value, index) => value === index));
  });

  it('tensors no layer takes, or takes with another shape, are only sized', async () => {
    const bytes = fixture('hostile_shared_storage.pt');
    const tensors = readWeightFile(bytes, 'shared.pt');
    const reads: string[] = [];
    const watched = new Map([...tensors].map(([name, tensor]) => [name, { shape: tensor.shape, read: () => (reads.push(name), tensor.read()) }]));
    const match = matchWeights([linear('blocks.3', 128, 512), linear('blocks.4', 256, 256)], watched);
    assert.deepEqual(
      match.mismatched.map((m) => m.key),
      ['blocks.3.weight'],
    );
    assert.deepEqual(reads, ['blocks.4.weight']);
  });

  it('a 4 MB zip bomb (4,032 MiB of zeros) that no layer takes is never inflated', async () => {
    const bytes = zipBomb({ name: 'w', numel: 4, size: [4], stride: [1] });
    const match = await withinBound(() => matchWeights([], readWeightFile(bytes, 'bomb.pt')));
    assert.deepEqual(match.unused, ['w']);
  });

  it('a zip bomb a layer takes is inflated only as far as its storage reaches', async () => {
    const bytes = zipBomb({ name: 'fc.weight', numel: 6, size: [2, 3], stride: [3, 1] });
    const match = await withinBound(() => matchWeights([linear('fc', 3, 2)], readWeightFile(bytes, 'bomb.pt')));
    assert.deepEqual([...(match.weightsByPath.get('fc')?.weight?.data ?? [])], [0, 0, 0, 0, 0, 0]);
  });

  it('a storage that would inflate past the limit is refused, naming the limit and the size', async () => {
    const numel = 1008 * 2 ** 20; // 4,032 MiB of float32
    const bytes = zipBomb({ name: 'fc.weight', numel, size: [2, 3], stride: [3, 1] });
    const tensors = readWeightFile(bytes, 'bomb.pt');
    await refusedWithinBound(() => matchWeights([linear('fc', 3, 2)], tensors), new RegExp(`brings the checkpoint to ${numel * 4} bytes, over the ${maxInflatedBytes}-byte limit`));
  });

  it('a member that inflates past its declared size stops at the declared size', async () => {
    const bytes = zipBomb({ name: 'fc.weight', numel: 256, size: [16, 16], stride: [16, 1] }, 1024, 256);
    await refusedWithinBound(() => matchWeights([linear('fc', 16, 16)], readWeightFile(bytes, 'liar.pt')), /member 'archive\/data\/0' inflates past its declared 1024 bytes/);
  });

  it('a member claiming more than deflate can expand is refused unread', async () => {
    const bytes = zipArchive([
      { name: 'archive/data.pkl', data: stateDictPickle([{ name: 'w', key: '0', numel: 4, size: [4], stride: [1] }]) },
      { name: 'archive/data/0', data: new Uint8Array([0x03, 0x00]), deflated: { declaredSize: 2 ** 32 - 2 } },
    ]);
    await refusedWithinBound(
      () => readWeightFile(bytes, 'claim.pt'),
      /member 'archive\/data\/0' claims 4294967294 bytes from 2 compressed bytes, more than deflate can expand \(1032:1\)/,
    );
  });

  it('a stored member whose data runs past the end of the file is refused unread', async () => {
    const whole = fixture('hostile_shared_storage.pt');
    const members = zipArchive([
      { name: 'archive/data.pkl', data: stateDictPickle([{ name: 'w', key: '0', numel: 4, size: [4], stride: [1] }]) },
      { name: 'archive/data/0', data: whole.subarray(0, 16) },
    ]);
    // Claim 2 GiB for the storage member in its central directory entry (compressed and declared).
    const view = new DataView(members.buffer);
    const central = members.length - 22 - (46 + 'archive/data/0'.length);
    view.setUint32(central + 20, 2 ** 31, true);
    view.setUint32(central + 24, 2 ** 31, true);
    await refusedWithinBound(() => readWeightFile(members, 'cut.pt'), /member 'archive\/data\/0' needs 2147483648 bytes at offset \d+, but the file has \d+ \(truncated\?\)/);
  });
});

describe('hostile pickles', () => {
  it('a list of 300,000 items appended at once is read, not a stack overflow', async () => {
    const items = new Uint8Array(300_000 * 2).map((_, i) => (i % 2 ? 1 : 0x4b)); // BININT1 1, repeated
    const pickle = new Uint8Array([0x80, 0x02, 0x5d, 0x28, ...items, 0x65, 0x2e]); // PROTO, EMPTY_LIST, MARK, ..., APPENDS, STOP
    const bytes = zipArchive([{ name: 'archive/data.pkl', data: pickle }]);
    const error = await refusedWithinBound(() => readWeightFile(bytes, 'list.pt'), /invalid PyTorch checkpoint: no tensors found in data\.pkl/);
    assert.equal(error.name, 'WeightFileError');
  });
});

describe('hostile safetensors headers', () => {
  it('a header over the size cap is refused before it is decoded', async () => {
    const declared = maxHeaderBytes + 1;
    const bytes = new Uint8Array(8 + declared);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(declared), true);
    bytes[8] = 0x7b;
    await refusedWithinBound(() => readWeightFile(bytes, 'big.safetensors'), new RegExp(`header length ${declared} is over the ${maxHeaderBytes}-byte limit`));
  });
});
