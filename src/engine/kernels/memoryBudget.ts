/**
 * Refuses activations over a memory budget before anything is allocated, with a
 * message naming the size, so that a huge input cannot take the extension host down.
 */
import { KernelError, elementCount } from './tensor';

/** Default budget for one activation tensor, in MB (float32). */
export const defaultActivationBudgetMb = 256;

/** Bytes a float32 tensor of this shape needs. */
export function activationBytes(shape: readonly number[]): number {
  return elementCount(shape) * Float32Array.BYTES_PER_ELEMENT;
}

function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 10 ? `${Math.round(mb)} MB` : `${mb.toFixed(1)} MB`;
}

/** Throws when a float32 tensor of `shape` would exceed `budgetMb`; `what` names the layer. */
export function checkActivationBudget(shape: readonly number[], budgetMb: number, what: string): void {
  const bytes = activationBytes(shape);
  if (bytes > budgetMb * 1024 * 1024) {
    throw new KernelError(`${what}: activation [${shape.join(', ')}] needs ${formatMb(bytes)} (float32), over the ${budgetMb} MB feature-map budget`);
  }
}
