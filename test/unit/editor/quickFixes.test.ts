import { strict as assert } from 'node:assert';
import { featuresFromMessage, findCallAround, groupsFix, inFeaturesFix, nearestCommonDivisor } from '../../../src/editor/quickFixes';

function apply(text: string, fix: { start: number; end: number; newText: string } | undefined): string {
  assert.ok(fix, 'expected a fix');
  return text.slice(0, fix.start) + fix.newText + text.slice(fix.end);
}

describe('quick fixes', () => {
  it('finds the nearest divisor of both channel counts', () => {
    assert.equal(nearestCommonDivisor(6, 9, 4), 3);
    assert.equal(nearestCommonDivisor(64, 128, 5), 4);
    assert.equal(nearestCommonDivisor(7, 5, 3), 1);
    assert.equal(nearestCommonDivisor(32, 64, 6), 4);
  });

  it('replaces groups=4 by the nearest divisor, from the call text', () => {
    const text = 'net = nn.Sequential(\n    nn.Conv2d(6, 9, kernel_size=3, groups=4),\n)\n';
    const fix = groupsFix(text, text.indexOf('nn.Conv2d'));
    assert.equal(fix?.title, 'Use groups=3 (nearest divisor of 6 and 9)');
    assert.equal(apply(text, fix), 'net = nn.Sequential(\n    nn.Conv2d(6, 9, kernel_size=3, groups=3),\n)\n');
  });

  it('uses resolved args when the source has names (the smaller divisor on a tie)', () => {
    const text = 'nn.Conv2d(c_in, c_out, 3, groups=g)';
    const fix = groupsFix(text, 3, { in_channels: 8, out_channels: 12, groups: 3, kernel_size: 3 });
    assert.equal(apply(text, fix), 'nn.Conv2d(c_in, c_out, 3, groups=2)');
  });

  it('offers nothing when the numbers are unknown', () => {
    assert.equal(groupsFix('nn.Conv2d(a, b, 3, groups=4)', 2), undefined);
  });

  it('reads the features PyTorch saw from its own message', () => {
    assert.equal(featuresFromMessage('mat1 and mat2 shapes cannot be multiplied (1x1568 and 100x10)'), 1568);
    assert.equal(featuresFromMessage('something else'), undefined);
  });

  it('sets in_features, positional or keyword', () => {
    const message = 'mat1 and mat2 shapes cannot be multiplied (1x400 and 256x120)';
    const positional = '        self.fc1 = nn.Linear(16 * 4 * 4, 120)';
    assert.equal(apply(positional, inFeaturesFix(positional, positional.indexOf('nn.'), message)), '        self.fc1 = nn.Linear(400, 120)');
    const keyword = 'fc = nn.Linear(out_features=120, in_features=256)';
    assert.equal(apply(keyword, inFeaturesFix(keyword, 6, message)), 'fc = nn.Linear(out_features=120, in_features=400)');
  });

  it('parses nested calls and strings in arguments', () => {
    const text = 'x = nn.Conv2d(f(1, 2), [3, 4], padding="a,b)")';
    const call = findCallAround(text, 6);
    assert.deepEqual(
      call?.args.map((arg) => [arg.keyword, arg.value]),
      [
        [undefined, 'f(1, 2)'],
        [undefined, '[3, 4]'],
        ['padding', '"a,b)"'],
      ],
    );
    assert.equal(call?.end, text.length);
  });
});
