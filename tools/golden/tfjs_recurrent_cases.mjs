// Recurrent factories for tfjs_catalogue_cases.mjs: rnn, the cells, stackedRNNCells,
// bidirectional, timeDistributed and convLstm2dCell. A layer passed in the config is written
// {__layer__: 'LSTM', kwargs: {...}}, as in the Keras generator; `materialize` builds it with
// the factory of that class. TF.js cannot apply a cell on its own (it wants exactly one input
// shape, then the cell's call wants its states), so a cell's valid cases run it inside
// `tf.layers.rnn` (`wrap`), and its invalid ones include calling it alone.
import * as tf from '@tensorflow/tfjs';

/** Builds every {__layer__, kwargs} in a config with the factory that makes that class. */
export function materializer(factories) {
  const factoryOf = {};
  for (const [factory, className] of Object.entries(factories)) factoryOf[className] ??= factory;
  const materialize = (value) => {
    if (Array.isArray(value)) return value.map(materialize);
    if (value && typeof value === 'object' && '__layer__' in value) return tf.layers[factoryOf[value.__layer__]](materialize(value.kwargs));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialize(v)]));
    return value;
  };
  return materialize;
}

const nested = (kind, kwargs) => ({ __layer__: kind, kwargs });

/** Seeded helpers of one random stream (mulberry32), so these families leave the main generator's stream as it was. */
function stream(name) {
  let seed = [...name].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 20261203);
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  return { int, pick: (items) => items[Math.floor(random() * items.length)], maybe: (p) => random() < p, dims: (n, lo, hi) => Array.from({ length: n }, () => int(lo, hi)) };
}

const one = (config, input) => ({ config, inputs: [input] });

/** The recurrent families, each drawn from its own seeded stream. */
export function recurrentFamilies() {
  const { int, pick, maybe, dims } = stream('recurrent');
  const rankError = (config, rank) => ({ config, inputs: [dims(rank, 3, 4)] });
  const cellKinds = ['SimpleRNNCell', 'LSTMCell', 'GRUCell'];
  const cellConfig = () => ({ units: int(1, 8), useBias: maybe(0.8) });
  const flags = () => ({ returnSequences: maybe(0.5), returnState: maybe(0.4), ...(maybe(0.2) ? { goBackwards: true } : {}) });
  const sequence = () => [int(1, 7), int(1, 6)];
  const randomCell = () => nested(pick(cellKinds), cellConfig());
  const inRnn = (c) => ({ ...c, wrap: flags() });
  const cellInvalid = (states) => [
    { config: { units: 0 }, inputs: [[3]] },
    { config: {}, inputs: [[3]] },
    { config: { units: 4 }, inputs: [[3], ...states] },
    { config: { units: 4 }, inputs: [[3]] },
  ];
  const families = {
    RNN: {
      valid: () => {
        const cells = Array.from({ length: int(1, 3) }, randomCell);
        const cell = pick([cells[0], cells, nested('StackedRNNCells', { cells })]);
        return one({ cell, ...flags() }, sequence());
      },
      invalid: [
        rankError({ cell: nested('LSTMCell', { units: 2 }) }, 1),
        rankError({ cell: nested('GRUCell', { units: 2 }) }, 3),
        { config: {}, inputs: [[4, 2]] },
        { config: { cell: nested('LSTMCell', { units: 0 }) }, inputs: [[4, 2]] },
        { config: { cell: nested('ConvLSTM2DCell', { filters: 2, kernelSize: 3 }) }, inputs: [[2, 6, 6, 1]] },
      ],
    },
    StackedRNNCells: {
      valid: () => inRnn(one({ cells: Array.from({ length: int(1, 3) }, randomCell) }, sequence())),
      invalid: [
        { config: { cells: [nested('LSTMCell', { units: 0 })] }, inputs: [[3]] },
        { config: { cells: [nested('GRUCell', { units: 2 })] }, inputs: [[3]] },
        { config: { cells: [nested('SimpleRNNCell', {})] }, inputs: [[3], [2]] },
      ],
    },
    Bidirectional: {
      valid: () => {
        const layer = nested(pick(['SimpleRNN', 'LSTM', 'GRU']), { ...cellConfig(), returnSequences: maybe(0.5), returnState: maybe(0.4) });
        return one({ layer, ...(maybe(0.7) ? { mergeMode: pick(['concat', 'sum', 'mul', 'ave', null]) } : {}) }, sequence());
      },
      invalid: [
        { config: { layer: nested('LSTM', { units: 4 }), mergeMode: 'first' }, inputs: [[5, 3]] },
        { config: {}, inputs: [[5, 3]] },
        rankError({ layer: nested('LSTM', { units: 4 }) }, 1),
        { config: { layer: nested('GRU', { units: 4, resetAfter: true }) }, inputs: [[5, 3]] },
      ],
    },
    TimeDistributed: {
      valid: () => {
        const steps = int(1, 5);
        switch (int(0, 4)) {
          case 0:
            return one({ layer: nested('Dense', { units: int(1, 8), useBias: maybe(0.7) }) }, [steps, ...dims(int(1, 3), 1, 5)]);
          case 1:
            return one({ layer: nested('Conv2D', { filters: int(1, 6), kernelSize: int(1, 3), padding: pick(['valid', 'same']) }) }, [steps, ...dims(2, 3, 8), int(1, 4)]);
          case 2:
            return one({ layer: nested('MaxPooling2D', { poolSize: int(1, 2) }) }, [steps, ...dims(2, 2, 8), int(1, 4)]);
          case 3:
            return one({ layer: nested('Flatten', {}) }, [steps, ...dims(int(2, 3), 1, 5)]);
          default:
            return one({ layer: nested(pick(['SimpleRNN', 'LSTM', 'GRU']), { units: int(1, 6), returnSequences: maybe(0.5) }) }, [steps, ...sequence()]);
        }
      },
      invalid: [rankError({ layer: nested('Dense', { units: 4 }) }, 1), { config: {}, inputs: [[5, 3]] }, { config: { layer: nested('Dense', { units: 0 }) }, inputs: [[5, 3]] }],
    },
    ConvLSTM2DCell: {
      valid: null,
      invalid: [
        {
          config: { filters: 2, kernelSize: 3 },
          inputs: [
            [6, 6, 1],
            [4, 4, 2],
            [4, 4, 2],
          ],
        },
        { config: { filters: 2, kernelSize: 3 }, inputs: [[6, 6, 1]] },
        { config: { filters: 2 }, inputs: [[6, 6, 1]] },
      ],
    },
  };
  families.SimpleRNNCell = { valid: () => inRnn(one(cellConfig(), sequence())), invalid: cellInvalid([[4]]) };
  families.LSTMCell = { valid: () => inRnn(one(cellConfig(), sequence())), invalid: cellInvalid([[4], [4]]) };
  families.GRUCell = { valid: () => inRnn(one(cellConfig(), sequence())), invalid: [...cellInvalid([[4]]), { config: { units: 4, resetAfter: true }, inputs: [[3]] }] };
  return families;
}
