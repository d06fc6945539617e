/**
 * Keras-dialect messages. Python's TypeErrors for a wrong call are CPython's own wording
 * (checked against /usr/bin/python3 with a class of the same signature); the strides/dilation
 * error is Keras's text from its conv base class: "`strides > 1` not supported in conjunction
 * with `dilation_rate > 1`. Received: strides={strides} and dilation_rate={dilation_rate}".
 */
import { strict as assert } from 'node:assert';
import { applyTfLayer, constructTfLayer } from '../../../src/engine/tf/layers';
import { bindKerasArgs } from '../../../src/engine/tf/kerasBinding';

describe('TF engine: Keras wording', () => {
  it('missing required arguments, as Python lists them', () => {
    const { layer, issues } = constructTfLayer('Conv2D', {}, { dialect: 'keras' });
    assert.equal(layer, null);
    assert.deepEqual(
      issues.map((i) => i.message),
      ["Conv2D.__init__() missing 2 required positional arguments: 'filters' and 'kernel_size'"],
    );
  });

  it('an argument given positionally and by keyword', () => {
    const { issues } = bindKerasArgs('Conv2D', [32, 3], { filters: 4 });
    assert.deepEqual(
      issues.map((i) => i.message),
      ["Conv2D.__init__() got multiple values for argument 'filters'"],
    );
  });

  it('strides with dilation are rejected by the constructor', () => {
    const { args } = bindKerasArgs('Conv2D', [8, 3], { strides: 2, dilation_rate: 2 });
    const { issues } = constructTfLayer('Conv2D', args, { dialect: 'keras' });
    assert.deepEqual(
      issues.map((i) => i.message),
      ['`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=(2, 2) and dilation_rate=(2, 2)'],
    );
  });

  it('a kernel larger than its input is an error in Keras (tfjs only warns)', () => {
    const keras = constructTfLayer('Conv2D', { filters: 4, kernel_size: 5 }, { dialect: 'keras' }).layer!;
    const result = applyTfLayer(keras, [1, 3, 3, 2]);
    assert.equal(result.issues[0].severity, 'error');
    assert.match(result.issues[0].message, /^Computed output size would be zero or negative\. Received `inputs shape=/);
  });
});
