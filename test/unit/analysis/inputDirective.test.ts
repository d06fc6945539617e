import { strict as assert } from 'node:assert';
import { directiveText, findDirectiveLine, planDirectiveEdit } from '../../../src/analysis/inputDirective';

describe('input directive', () => {
  it('inserts above the model, above its decorators, with its indentation', () => {
    const lines = ['import torch', '', '@some.decorator', 'class Net(nn.Module):', '    pass'];
    assert.deepEqual(planDirectiveEdit(lines, 3, [1, 3, 32, 32], 'python'), { line: 2, replace: false, text: '# conv-inspector: input=(1, 3, 32, 32)' });
    assert.deepEqual(planDirectiveEdit(['  model = tf.sequential();'], 0, [1, 28, 28, 1], 'typescript'), {
      line: 0,
      replace: false,
      text: '  // conv-inspector: input=(1, 28, 28, 1)',
    });
  });

  it('writes the comment syntax of the language', () => {
    assert.equal(directiveText([1, 3, 8, 8], 'python'), '# conv-inspector: input=(1, 3, 8, 8)');
    assert.equal(directiveText([1, 8, 8, 3], 'typescript'), '// conv-inspector: input=(1, 8, 8, 3)');
  });

  it('updates an existing directive instead of adding a second one', () => {
    const lines = ['# conv-inspector: input=(1, 3, 8, 8)', '# a comment', 'class Net(nn.Module):'];
    assert.deepEqual(planDirectiveEdit(lines, 2, [2, 3, 16, 16], 'python'), { line: 0, replace: true, text: '# conv-inspector: input=(2, 3, 16, 16)' });
  });

  it('finds the directive "reset to detected" removes, and only one that belongs to the model', () => {
    const lines = ['import torch', '# conv-inspector: input=(1, 3, 32, 32)', '@some.decorator', 'class Net(nn.Module):', '    pass'];
    assert.equal(findDirectiveLine(lines, 3), 1);
    assert.equal(findDirectiveLine(['# conv-inspector: input=(1, 3, 8, 8)', 'x = 1', 'class Net(nn.Module):'], 2), undefined);
    assert.equal(findDirectiveLine(['model = f()  # conv-inspector: input=(1, 3)'], 0), undefined);
  });
});
