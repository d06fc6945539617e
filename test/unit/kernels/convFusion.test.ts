/**
 * The conv epilogue (BatchNorm + ReLU/ReLU6 written by the conv's output loop) against the
 * same layers run one by one, on both kernel sets, and the plan that picks which runs fuse.
 */
import { strict as assert } from 'node:assert';
import { activationTestWeights, closeTo } from './fusionFixtures';
import { runActivation } from '../../../src/engine/kernels/activations';
import { runConv, runConvEpilogue } from '../../../src/engine/kernels/conv';
import { batchNormAffine, planConvFusions } from '../../../src/engine/kernels/convFusion';
import { runBatchNorm } from '../../../src/engine/kernels/dense';
import type { HeavyKernels } from '../../../src/engine/kernels/heavyKernels';
import { runSequence, type RunnableLayer } from '../../../src/engine/kernels/runSequence';
import type { LayerWeights, Tensor } from '../../../src/engine/kernels/tensor';
import { tsKernels } from '../../../src/engine/kernels/tsKernels';
import { createWasmKernels } from '../../../src/engine/kernels/wasmKernels';
import { compileKernelsWasm } from './wasmBuild';

interface ConvCase {
  readonly name: string;
  readonly cin: number;
  readonly cout: number;
  readonly size: number;
  readonly k: number;
  readonly stride: number;
  readonly groups: number;
}

// Sizes chosen so that partial tiles (pixels not a multiple of 8, channels not of 6), the
// in-place stride-1/stride-2 paths, pointwise and depthwise all meet the epilogue.
const cases: ConvCase[] = [
  { name: '3x3 stride 1, 13x13, 10 channels', cin: 5, cout: 10, size: 13, k: 3, stride: 1, groups: 1 },
  { name: '3x3 stride 2, 17x17', cin: 4, cout: 6, size: 17, k: 3, stride: 2, groups: 1 },
  { name: 'pointwise, 7x7', cin: 8, cout: 12, size: 7, k: 1, stride: 1, groups: 1 },
  { name: 'depthwise 3x3, 11x11', cin: 6, cout: 6, size: 11, k: 3, stride: 1, groups: 6 },
  { name: 'depthwise 3x3 stride 2, 15x15', cin: 5, cout: 5, size: 15, k: 3, stride: 2, groups: 5 },
  { name: 'grouped 3x3, 9x9', cin: 8, cout: 8, size: 9, k: 3, stride: 1, groups: 2 },
];

function convArgs(c: ConvCase) {
  return { in_channels: c.cin, out_channels: c.cout, kernel_size: c.k, stride: c.stride, padding: Math.floor(c.k / 2), groups: c.groups, bias: true };
}

const bnArgs = (channels: number) => ({ num_features: channels, eps: 1e-5, affine: true, track_running_stats: true });

describe('conv epilogue (BatchNorm + activation in the conv output loop)', () => {
  const kernelSets: [string, () => HeavyKernels][] = [
    ['typescript', () => tsKernels],
    ['wasm-simd', () => createWasmKernels(compileKernelsWasm())],
  ];
  for (const [kernelName, kernels] of kernelSets) {
    for (const c of cases) {
      for (const activation of ['none', 'relu', 'relu6'] as const) {
        it(`${kernelName}: ${c.name}, ${activation}: same maps as conv, BatchNorm, activation one by one`, () => {
          const { input, conv, norm } = activationTestWeights(c.cin, c.cout, c.size, c.k, c.groups);
          const maps = runConvEpilogue(convArgs(c), input, conv, kernels(), batchNormAffine(bnArgs(c.cout), norm) ?? assert.fail('no affine'), activation);
          const convOut = runConv(2, convArgs(c), input, conv, kernels());
          const normOut = runBatchNorm(bnArgs(c.cout), convOut, norm);
          assert.equal(maps.length, activation === 'none' ? 2 : 3);
          closeTo(maps[0], convOut);
          closeTo(maps[1], normOut);
          if (activation !== 'none') closeTo(maps[2], runActivation(activation === 'relu' ? 'ReLU' : 'ReLU6', {}, normOut, {}));
        });
      }
    }
  }

  it('batchNormAffine gives nothing without running statistics (PyTorch then uses batch statistics)', () => {
    assert.equal(batchNormAffine({ ...bnArgs(4), track_running_stats: false }, {}), null);
  });

  const chain = (bnInputs?: string[]): RunnableLayer[] => [
    { path: 'conv', kind: 'Conv2d', args: convArgs(cases[0]) },
    { path: 'bn', kind: 'BatchNorm2d', args: bnArgs(10), inputs: bnInputs },
    { path: 'act', kind: 'ReLU6', args: {} },
    { path: 'act2', kind: 'ReLU', args: {} },
  ];
  const weightsFor = (): Map<string, LayerWeights> => {
    const { conv, norm } = activationTestWeights(5, 10, 13, 3, 1);
    return new Map([
      ['conv', conv],
      ['bn', norm],
    ]);
  };

  it('plans conv -> BatchNorm -> activation runs, and only those', () => {
    const weights = weightsFor();
    const keys = ['conv', 'bn', 'act', 'act2'];
    const weightsOf = (layers: RunnableLayer[]) => (index: number) => weights.get(layers[index].path) ?? {};
    const plain = planConvFusions(chain(), keys, weightsOf(chain()));
    assert.deepEqual([...plain.keys()], [0]);
    assert.equal(plain.get(0)?.covers, 2);
    assert.equal(plain.get(0)?.activation, 'relu6');
    // A BatchNorm reading something else than the conv, or with no weights, runs on its own.
    assert.equal(planConvFusions(chain(['input']), keys, weightsOf(chain(['input']))).size, 0);
    assert.equal(planConvFusions(chain(), keys, () => ({})).size, 0);
  });

  it('runSequence keeps every map of a fused run equal to the unfused layers', async () => {
    const weights = weightsFor();
    const { input } = activationTestWeights(5, 10, 13, 3, 1);
    const fused = await runSequence(chain(), input, weights);
    // The same layers with the BatchNorm reading its input explicitly by another route: never fused.
    const layers = chain();
    const unfused: Tensor[] = [];
    let x = input;
    for (const layer of layers) {
      x =
        layer.kind === 'Conv2d'
          ? runConv(2, layer.args, x, weights.get('conv') ?? {}, tsKernels)
          : layer.kind === 'BatchNorm2d'
            ? runBatchNorm(layer.args, x, weights.get('bn') ?? {})
            : runActivation(layer.kind, {}, x, {});
      unfused.push(x);
    }
    assert.deepEqual([...fused.outputs.keys()], ['conv', 'bn', 'act', 'act2']);
    [...fused.outputs.values()].forEach((map, i) => closeTo(map, unfused[i]));
  });
});
