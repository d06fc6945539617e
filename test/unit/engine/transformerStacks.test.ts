/**
 * nn.TransformerEncoder / nn.TransformerDecoder when the engine cannot follow the layer object
 * or the depth: the stack is unknown (no parameters claimed, no shape, no error), never a
 * guess. The followed cases are checked against real PyTorch by torchCatalogue.test.ts.
 */
import { strict as assert } from 'node:assert';
import type { ArgValue, BoundArgs } from '../../../src/engine/types';
import { applyTorchLayer, constructTorchLayer, countParams } from '../../../src/engine/torch/layers';

const encoderLayer: ArgValue = { layerClass: 'TransformerEncoderLayer', layerArgs: { d_model: 8, nhead: 2, dim_feedforward: 16, batch_first: false, norm_first: false } };
const stack = (args: BoundArgs): BoundArgs => ({ encoder_layer: encoderLayer, num_layers: 2, norm: null, enable_nested_tensor: true, mask_check: true, ...args });

function assertUnknown(args: BoundArgs): void {
  const built = constructTorchLayer('TransformerEncoder', args);
  assert.ok(built.layer, 'the stack is built');
  assert.deepEqual(built.issues, []);
  assert.equal(countParams(built.layer).total.unknown, true, 'its parameters are unknown');
  const applied = applyTorchLayer(built.layer, [3, 2, 8]);
  assert.equal(applied.output, null);
  assert.deepEqual(applied.issues, []);
}

describe('TransformerEncoder and TransformerDecoder the engine cannot follow', () => {
  it('a layer argument the front end could not resolve', () => assertUnknown(stack({ encoder_layer: { unknown: true, reason: 'a user module' } })));
  it('a depth that is not known', () => assertUnknown(stack({ num_layers: { unknown: true, reason: 'args.depth' } })));
  it('a layer of another class (a custom module is not followed)', () =>
    assertUnknown(stack({ encoder_layer: { layerClass: 'Linear', layerArgs: { in_features: 8, out_features: 8 } } })));
  it('a final norm of a class the stack does not follow', () => assertUnknown(stack({ norm: { layerClass: 'Dropout', layerArgs: { p: 0.1 } } })));
  it('a layer whose own arguments are unknown', () =>
    assertUnknown(stack({ encoder_layer: { layerClass: 'TransformerEncoderLayer', layerArgs: { d_model: { unknown: true, reason: 'a config' }, nhead: 2 } } })));

  it('follows a known stack: the copies and the norm, named as PyTorch names them', () => {
    const built = constructTorchLayer('TransformerEncoder', stack({ norm: { layerClass: 'LayerNorm', layerArgs: { normalized_shape: 8, eps: 1e-5, elementwise_affine: true } } }));
    const names = built.layer?.params.map((tensor) => tensor.name) ?? [];
    assert.equal(names[0], 'layers.0.self_attn.in_proj_weight');
    assert.deepEqual(names.slice(-2), ['norm.weight', 'norm.bias']);
    assert.equal(names.filter((name) => name.startsWith('layers.1.')).length, names.filter((name) => name.startsWith('layers.0.')).length);
  });
});
