/**
 * One entry point for weight files: detects `.safetensors` or a PyTorch zip checkpoint
 * by content (not by extension) and returns the named tensors, sized up but not yet read.
 */
import { WeightFileError, looksLikeSafetensors, sizeSafetensors } from './safetensors';
import { looksLikeZip, readTorchCheckpoint } from './torchCheckpoint';
import type { WeightTensor } from './weightTensor';

/**
 * Sizes up a `.safetensors` or `.pt`/`.pth` file; throws `WeightFileError` with a clear
 * message for a malformed one. A tensor's data is read on its `read()`.
 */
export function readWeightFile(bytes: Uint8Array, fileName = 'weights'): Map<string, WeightTensor> {
  // Safetensors first: its header length is free to start with 0x80 (a header of 0x280 bytes does),
  // while a pickle or zip never passes its check (the length would exceed the file).
  if (looksLikeSafetensors(bytes)) return sizeSafetensors(bytes);
  if (looksLikeZip(bytes) || (bytes.length > 0 && bytes[0] === 0x80)) return readTorchCheckpoint(bytes);
  if (/\.safetensors$/i.test(fileName)) return sizeSafetensors(bytes);
  throw new WeightFileError(`${fileName}: not a .safetensors file or a PyTorch zip checkpoint`);
}
