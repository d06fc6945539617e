/**
 * One entry point for weight files: detects `.safetensors` or a PyTorch zip checkpoint
 * by content (not by extension) and returns the named float32 tensors.
 */
import type { Tensor } from '../kernels/tensor';
import { WeightFileError, looksLikeSafetensors, readSafetensors } from './safetensors';
import { looksLikeZip, readTorchCheckpoint } from './torchCheckpoint';

/** Reads a `.safetensors` or `.pt`/`.pth` file; throws `WeightFileError` with a clear message otherwise. */
export function readWeightFile(bytes: Uint8Array, fileName = 'weights'): Map<string, Tensor> {
  if (looksLikeZip(bytes) || (bytes.length > 0 && bytes[0] === 0x80)) return readTorchCheckpoint(bytes);
  if (looksLikeSafetensors(bytes) || /\.safetensors$/i.test(fileName)) return readSafetensors(bytes);
  throw new WeightFileError(`${fileName}: not a .safetensors file or a PyTorch zip checkpoint`);
}
