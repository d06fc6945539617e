/** UnknownValue arguments never raise; what depends on them stays unknown, the rest is computed. */
import { strict as assert } from 'node:assert';
import type { UnknownValue } from '../../../src/engine/types';
import { applyTorchLayer, constructTorchLayer, countParams } from '../../../src/engine/torch/layers';
import { bindArgs, build, run } from './bindArgs';

const unknown: UnknownValue = { unknown: true, reason: 'constructor parameter in_ch' };

describe('unknown arguments', () => {
  it('Conv2d with unknown in_channels: output shape known, params and MACs unknown, no channel error', () => {
    const built = constructTorchLayer('Conv2d', bindArgs('Conv2d', { in_channels: unknown, out_channels: 64, kernel_size: 3, groups: 2 }));
    assert.ok(built.layer);
    assert.deepEqual(built.issues, []);
    const result = applyTorchLayer(built.layer, [1, 7, 32, 32]);
    assert.deepEqual(result.output, [1, 64, 30, 30]);
    assert.deepEqual(result.issues, []);
    assert.equal(result.macs.unknown, true);
    assert.equal(countParams(built.layer).total.unknown, true);
  });

  it('unknown kernel_size leaves the output unknown without raising', () => {
    const result = run('Conv2d', { in_channels: 3, out_channels: 8, kernel_size: unknown }, [1, 3, 32, 32]);
    assert.equal(result.output, null);
    assert.deepEqual(result.issues, []);
    assert.equal(result.macs.unknown, true);
  });

  it('an unknown entry inside a tuple is unknown too', () => {
    const result = run('Conv2d', { in_channels: 3, out_channels: 8, kernel_size: 3, stride: [2, unknown] }, [1, 3, 32, 32]);
    assert.equal(result.output, null);
  });

  it('unknown groups does not raise a groups error', () => {
    const built = constructTorchLayer('Conv2d', bindArgs('Conv2d', { in_channels: 3, out_channels: 8, kernel_size: 3, groups: unknown }));
    assert.ok(built.layer);
    assert.deepEqual(built.issues, []);
  });

  it('Linear with unknown in_features still gives the output shape', () => {
    const result = run('Linear', { in_features: unknown, out_features: 10 }, [4, 1568]);
    assert.deepEqual(result.output, [4, 10]);
    assert.deepEqual(result.issues, []);
  });

  it('BatchNorm2d with unknown num_features passes the shape through', () => {
    const result = run('BatchNorm2d', { num_features: unknown }, [2, 5, 4, 4]);
    assert.deepEqual(result.output, [2, 5, 4, 4]);
    assert.deepEqual(result.issues, []);
  });

  it('an unmodelled kind is reported as info, not as an error', () => {
    const built = constructTorchLayer('AdaptiveLogSoftmaxWithLoss', {});
    assert.equal(built.layer, null);
    assert.equal(built.issues[0].severity, 'info');
  });

  it('errors carry a stable code and the argument they are about', () => {
    const built = constructTorchLayer('Conv2d', bindArgs('Conv2d', { in_channels: 3, out_channels: 8, kernel_size: 3, groups: 2 }));
    assert.equal(built.layer, null);
    assert.deepEqual(built.issues, [{ severity: 'error', code: 'torch.groups-divide-in', message: 'in_channels must be divisible by groups', arg: 'groups' }]);
    const mismatch = applyTorchLayer(build('Conv2d', { in_channels: 32, out_channels: 64, kernel_size: 3 }), [1, 16, 30, 30]);
    assert.equal(mismatch.issues[0].code, 'torch.channel-mismatch');
    assert.equal(mismatch.output, null);
  });
});
