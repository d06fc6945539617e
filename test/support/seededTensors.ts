/**
 * Weights and inputs generated from a seed, identical to tools/golden/real_graph_activations.py's
 * numpy generator: real models' weights (47 MB for a ResNet-18) are too big to commit, so the
 * PyTorch side and the test make the same ones. See the generator's docstring for the rule;
 * every step is 32-bit integer arithmetic or correctly rounded float64, so both agree bit for bit.
 */
import type { Tensor } from '../../src/engine/kernels/tensor';

/** murmur3's 32-bit finaliser. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function fnv1a32(name: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(name)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h;
}

/** `count` values in [0, 1) for `name` (float64, as numpy computes them). */
export function seededUniform(name: string, count: number, seed: number): Float64Array {
  const key = fmix32(fnv1a32(name) ^ seed);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = (fmix32(key + Math.imul(i, 0x9e3779b9)) >>> 8) / 16777216;
  return values;
}

/** The tensor `name` of `shape`, scaled by what its name says it is (a weight, a norm's scale, a bias, batch statistics, the input). */
export function seededTensor(name: string, shape: readonly number[], seed: number): Tensor {
  const count = shape.reduce((product, size) => product * size, 1);
  const uniform = seededUniform(name, count, seed);
  const last = name.slice(name.lastIndexOf('.') + 1);
  const data = new Float32Array(count);
  const fanIn = shape.slice(1).reduce((product, size) => product * size, 1);
  const bound = Math.sqrt(6 / fanIn);
  for (let i = 0; i < count; i++) {
    const signed = 2 * uniform[i] - 1;
    if (shape.length >= 2) data[i] = signed * bound;
    else if (last === 'weight') data[i] = 1 + signed / 4;
    else if (last === 'bias' || last === 'running_mean') data[i] = signed / 10;
    else if (last === 'running_var') data[i] = 1 + signed / 2;
    else data[i] = signed;
  }
  return { shape: [...shape], data };
}
