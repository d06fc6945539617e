import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createWasmKernels } from '/work/main/src/engine/kernels/wasmKernels';
import { tsKernels } from '/work/main/src/engine/kernels/tsKernels';
const wasm = createWasmKernels(new Uint8Array(readFileSync('/work/main/dist/kernels.wasm')));
const cases = [
  ['A', 3, 224, 64, 7, 2, 3, 1, 1, false], ['a', 3, 224, 6, 7, 2, 3, 1, 1, false], ['b', 64, 56, 6, 3, 1, 1, 1, 1, false], ['B', 64, 56, 64, 3, 1, 1, 1, 1, false], ['C', 64, 56, 64, 3, 1, 2, 2, 1, false],
  ['D', 128, 112, 128, 3, 1, 1, 1, 128, false], ['E', 128, 56, 256, 1, 1, 0, 1, 1, false], ['F', 128, 56, 128, 3, 1, 1, 1, 8, false],
  ['G', 64, 28, 32, 4, 2, 1, 1, 1, true],
] as const;
const only = process.argv[2];
for (const [id, cin, h, cout, k, s, p, d, g, t] of cases) {
  if (only && !only.includes(id)) continue;
  const out = t ? (h - 1) * s - 2 * p + d * (k - 1) + 1 : Math.floor((h + 2 * p - d * (k - 1) - 1) / s) + 1;
  const geo = { inChannels: cin, inHeight: h, inWidth: h, outChannels: cout, kernelHeight: k, kernelWidth: k, strideHeight: s, strideWidth: s, padTop: p, padLeft: p, dilationHeight: d, dilationWidth: d, groups: g, outHeight: out, outWidth: out };
  const input = Float32Array.from({ length: cin * h * h }, (_, i) => Math.sin(i));
  const wlen = t ? cin * (cout / g) * k * k : cout * (cin / g) * k * k;
  const weight = Float32Array.from({ length: wlen }, (_, i) => Math.cos(i * 0.7) * 0.1);
  const bias = Float32Array.from({ length: cout }, (_, i) => i * 0.01);
  const run = (kk: typeof wasm) => (t ? kk.convTranspose2d(geo, input, weight, bias) : kk.conv2d(geo, input, weight, bias));
  const ref = run(tsKernels); const got = run(wasm);
  let err = 0; for (let i = 0; i < ref.length; i++) err = Math.max(err, Math.abs(ref[i] - got[i]));
  const times: number[] = [];
  for (let i = 0; i < 12; i++) { const c0 = process.cpuUsage(); run(wasm); const c = process.cpuUsage(c0); times.push((c.user + c.system) / 1000); }
  times.sort((a, b) => a - b);
  console.log(id, 'median', times[6].toFixed(2), 'min', times[0].toFixed(2), 'err', err.toExponential(1));
}
