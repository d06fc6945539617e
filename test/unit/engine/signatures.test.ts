/** signatures.ts against `inspect.signature` of real PyTorch (test/fixtures/torch/signatures.json). */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgValue } from '../../../src/engine/types';
import { torchLayerKinds, torchSignature } from '../../../src/engine/torch/signatures';

interface PythonParam {
  readonly name: string;
  readonly default?: ArgValue;
  readonly variadic?: boolean;
}

const readSignatures = (file: string): Record<string, PythonParam[]> =>
  (JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'torch', file), 'utf8')) as { signatures: Record<string, PythonParam[]> }).signatures;
// torch_cases.py records the convolution-era layers, torch_catalogue_cases.py the rest of the catalogue.
const recorded = { signatures: { ...readSignatures('signatures.json'), ...readSignatures('catalogue_cases.json') } };

describe('PyTorch signatures', () => {
  it('covers the same kinds as the generators record', () => {
    assert.deepEqual([...torchLayerKinds()].sort(), Object.keys(recorded.signatures).sort());
  });

  for (const [kind, params] of Object.entries(recorded.signatures)) {
    it(`${kind} has torch's parameter names, order and defaults`, () => {
      const ours = torchSignature(kind);
      assert.ok(ours, `${kind} missing from signatures.ts`);
      if (params.some((param) => param.variadic)) {
        assert.equal(ours.acceptsAnything, true);
        return;
      }
      const expected = params.map((param) => ('default' in param ? { name: param.name, default: param.default } : { name: param.name }));
      assert.deepEqual(ours.params, expected);
    });
  }
});
