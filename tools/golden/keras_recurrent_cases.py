"""Recurrent and embedding classes for keras_catalogue_cases.py: random configurations,
invalid ones, and how to build and call them.

A layer passed as an argument (`Bidirectional(LSTM(4))`, `RNN(LSTMCell(4))`) is written in the
kwargs as {"__layer__": "LSTM", "kwargs": {...}}; `materialize` turns it into the real layer
(the TF.js generator and both catalogue tests read the same encoding). A cell is called on its
input and its states (`cell(x, states)`): its input shapes are [x, *states], the states flat in
the order Keras returns them. Layers wrapped by TimeDistributed are named, so that they do not
move the auto-name counters of the classes recorded after them.
"""

RECURRENT = ('SimpleRNN', 'LSTM', 'GRU')
CELLS = ('SimpleRNNCell', 'LSTMCell', 'GRUCell')


def nested(kind, **kwargs):
    return {'__layer__': kind, 'kwargs': kwargs}


def materialize(keras, value):
    """The kwargs with every {"__layer__": ...} built into a real Keras layer."""
    if isinstance(value, dict) and '__layer__' in value:
        return getattr(keras.layers, value['__layer__'])(**materialize(keras, value['kwargs']))
    if isinstance(value, dict):
        return {key: materialize(keras, item) for key, item in value.items()}
    if isinstance(value, list):
        return [materialize(keras, item) for item in value]
    return value


def cell_kwargs(kind, rng):
    kwargs = {'units': rng.randint(1, 8), 'use_bias': rng.random() < 0.8}
    if kind.startswith('GRU') and rng.random() < 0.5:
        kwargs['reset_after'] = rng.random() < 0.5
    return kwargs


def sequence_flags(rng, kwargs):
    for flag, p in (('return_sequences', 0.5), ('return_state', 0.4), ('go_backwards', 0.2), ('unroll', 0.1)):
        if rng.random() < 0.6:
            kwargs[flag] = rng.random() < p
    return kwargs


def sequence_shape(rng):
    """(time, features); the time axis is sometimes open, as for variable-length text."""
    return [None if rng.random() < 0.2 else rng.randint(1, 7), rng.randint(1, 6)]


def recurrent_config(kind, rng):
    return sequence_flags(rng, cell_kwargs(kind, rng)), sequence_shape(rng)


def random_cell(rng):
    kind = rng.choice(CELLS)
    return nested(kind, **cell_kwargs(kind, rng))


def states_of(cell):
    units = cell['kwargs']['units']
    return [[units], [units]] if cell['__layer__'] == 'LSTMCell' else [[units]]


def cell_config(kind, rng):
    kwargs = cell_kwargs(kind, rng)
    cell = nested(kind, **kwargs)
    return kwargs, [[rng.randint(1, 6)], *states_of(cell)]


def stacked_config(kind, rng):
    cells = [random_cell(rng) for _ in range(rng.randint(1, 3))]
    return {'cells': cells}, [[rng.randint(1, 6)], *[s for c in cells for s in states_of(c)]]


def rnn_config(kind, rng):
    choice = rng.random()
    cells = [random_cell(rng) for _ in range(rng.randint(1, 3))]
    cell = cells[0] if choice < 0.4 else cells if choice < 0.8 else nested('StackedRNNCells', cells=cells)
    return sequence_flags(rng, {'cell': cell}), sequence_shape(rng)


def bidirectional_config(kind, rng):
    inner = rng.choice(RECURRENT)
    flags = {flag: rng.random() < 0.5 for flag in ('return_sequences', 'return_state')}
    forward = {**cell_kwargs(inner, rng), **flags}
    kwargs = {'layer': nested(inner, **forward)}
    if rng.random() < 0.7:
        kwargs['merge_mode'] = rng.choice(['concat', 'sum', 'mul', 'ave', None])
    if rng.random() < 0.25:
        other = rng.choice(RECURRENT)
        backward = {**cell_kwargs(other, rng), **flags, 'go_backwards': True}
        if kwargs.get('merge_mode', 'concat') != 'concat':
            backward['units'] = forward['units']
        kwargs['backward_layer'] = nested(other, **backward)
    return kwargs, sequence_shape(rng)


def time_distributed_config(kind, rng):
    steps = None if rng.random() < 0.15 else rng.randint(1, 5)
    choice = rng.randrange(6)
    if choice == 0:
        inner = nested('Dense', units=rng.randint(1, 8), use_bias=rng.random() < 0.7, name='inner')
        return {'layer': inner}, [steps] + [rng.randint(1, 5) for _ in range(rng.randint(1, 3))]
    if choice == 1:
        inner = nested('Conv2D', filters=rng.randint(1, 6), kernel_size=rng.randint(1, 3), padding=rng.choice(['valid', 'same']), name='inner')
        return {'layer': inner}, [steps, rng.randint(3, 8), rng.randint(3, 8), rng.randint(1, 4)]
    if choice == 2:
        inner = nested('Conv1D', filters=rng.randint(1, 6), kernel_size=rng.randint(1, 3), strides=rng.randint(1, 2), name='inner')
        return {'layer': inner}, [steps, rng.randint(3, 9), rng.randint(1, 4)]
    if choice == 3:
        return {'layer': nested('MaxPooling2D', pool_size=rng.randint(1, 2), name='inner')}, [steps, rng.randint(2, 8), rng.randint(2, 8), rng.randint(1, 4)]
    if choice == 4:
        return {'layer': nested('Flatten', name='inner')}, [steps] + [rng.randint(1, 5) for _ in range(rng.randint(1, 3))]
    inner = rng.choice(RECURRENT)
    return {'layer': nested(inner, units=rng.randint(1, 6), return_sequences=rng.random() < 0.5)}, [steps] + sequence_shape(rng)


def embedding_config(kind, rng):
    kwargs = {'input_dim': rng.randint(1, 50), 'output_dim': rng.randint(1, 16)}
    if rng.random() < 0.3:
        kwargs['mask_zero'] = rng.random() < 0.5
    if kind == 'ReversibleEmbedding' and rng.random() < 0.6:
        kwargs['tie_weights'] = rng.random() < 0.5
    return kwargs, [None if rng.random() < 0.15 else rng.randint(1, 6) for _ in range(rng.randint(0, 3))]


CONFIGS = {
    **{kind: recurrent_config for kind in RECURRENT},
    **{kind: cell_config for kind in CELLS},
    'StackedRNNCells': stacked_config,
    'RNN': rnn_config,
    'Bidirectional': bidirectional_config,
    'TimeDistributed': time_distributed_config,
    'Embedding': embedding_config,
    'ReversibleEmbedding': embedding_config,
}

DENSE_CELL = nested('Dense', units=3, name='dense_cell')
INVALID = [
    ('SimpleRNN', {'units': 0}, [5, 3]),
    ('SimpleRNN', {'units': 4}, [5]),
    ('SimpleRNN', {'units': 4}, [5, 3, 2]),
    ('LSTM', {'units': -1}, [5, 3]),
    ('LSTM', {'units': 4, 'return_state': True}, [5]),
    ('LSTM', {'units': 4}, [2, 5, 3, 2]),
    ('GRU', {'units': 0, 'reset_after': False}, [5, 3]),
    ('GRU', {'units': 4}, [5]),
    ('GRU', {'units': 4}, [5, 3, 2]),
    ('SimpleRNNCell', {'units': 0}, [[3], [4]]),
    ('SimpleRNNCell', {'units': 4}, [3]),
    ('SimpleRNNCell', {'units': -4}, [[3], [4]]),
    ('LSTMCell', {'units': -2}, [[3], [4], [4]]),
    ('LSTMCell', {'units': 4}, [3]),
    ('LSTMCell', {'units': 0}, [[3], [4], [4]]),
    ('GRUCell', {'units': 0}, [[3], [4]]),
    ('GRUCell', {'units': 4}, [3]),
    ('GRUCell', {'units': -1, 'reset_after': False}, [[3], [4]]),
    ('RNN', {'cell': nested('LSTMCell', units=0)}, [5, 3]),
    ('RNN', {'cell': [nested('GRUCell', units=3), nested('SimpleRNNCell', units=-1)]}, [5, 3]),
    ('RNN', {'cell': DENSE_CELL}, [5, 3]),
    ('RNN', {'cell': [nested('LSTMCell', units=3), DENSE_CELL]}, [5, 3]),
    ('StackedRNNCells', {'cells': [nested('LSTMCell', units=2)]}, [3]),
    ('StackedRNNCells', {'cells': [nested('LSTMCell', units=0)]}, [[3], [2], [2]]),
    ('StackedRNNCells', {'cells': [nested('GRUCell', units=2), DENSE_CELL]}, [[3], [2], [3]]),
    ('Bidirectional', {'layer': nested('LSTM', units=4), 'merge_mode': 'first'}, [5, 3]),
    ('Bidirectional', {'layer': nested('LSTM', units=4), 'backward_layer': nested('LSTM', units=4)}, [5, 3]),
    ('Bidirectional', {'layer': nested('GRU', units=4), 'backward_layer': nested('GRU', units=4, go_backwards=True, return_sequences=True)}, [5, 3]),
    ('Bidirectional', {'layer': nested('SimpleRNN', units=4, return_state=True), 'backward_layer': nested('SimpleRNN', units=4, go_backwards=True)}, [5, 3]),
    ('Bidirectional', {'layer': nested('LSTM', units=4)}, [5]),
    ('Bidirectional', {'layer': 4}, [5, 3]),
    ('TimeDistributed', {'layer': nested('Dense', units=4, name='inner')}, [5]),
    ('TimeDistributed', {'layer': 'dense'}, [5, 3]),
    ('TimeDistributed', {'layer': nested('LSTM', units=0)}, [5, 3, 2]),
    ('Embedding', {'input_dim': 0, 'output_dim': 4}, [5]),
    ('Embedding', {'input_dim': 10, 'output_dim': 0}, [5]),
    ('Embedding', {'input_dim': -3, 'output_dim': 2}, [5, 2]),
    ('ReversibleEmbedding', {'input_dim': 0, 'output_dim': 4}, [5]),
    ('ReversibleEmbedding', {'input_dim': 10, 'output_dim': -1, 'tie_weights': False}, [5]),
    ('ReversibleEmbedding', {'input_dim': 10, 'output_dim': 0}, []),
]


def is_cell(kind):
    return kind in CELLS or kind == 'StackedRNNCells'


def call(keras, layer, kind, kwargs, shape):
    """Calls `layer` on symbolic inputs of `shape`: a cell on [x, *states], the states nested as its cells take them."""
    if not is_cell(kind) or not (shape and isinstance(shape[0], list)):
        return layer(keras.Input(shape))
    x, *states = [keras.Input(s) for s in shape]
    if kind != 'StackedRNNCells':
        return layer(x, states)
    grouped = []
    for cell in kwargs['cells']:
        count = len(states_of(cell))
        grouped.append(states[:count] if count > 1 else states[0])
        states = states[count:]
    return layer(x, grouped)
