/** The words a feature-map run gives people about its weight file: every mismatch named, as PyTorch's load_state_dict does. */
import { strict as assert } from 'node:assert';
import { describeRun } from '../../../src/featureMaps/modelLayers';

describe('feature-map run notes', () => {
  it('names missing, unexpected and mismatched tensors', () => {
    const notes = describeRun(
      {
        outputs: new Map(),
        cancelled: false,
        weights: {
          weightsByPath: new Map(),
          matched: ['conv1.weight'],
          missing: ['conv1.bias'],
          unused: ['fc.weight'],
          mismatched: [],
        },
      },
      2,
    );
    assert.deepEqual(notes, ['weights: 1 tensor(s) matched, 1 missing (default init used), 1 unused in the file', '  missing: conv1.bias', '  unexpected: fc.weight']);
  });
});
