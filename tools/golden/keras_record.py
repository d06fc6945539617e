"""Runs a Keras model file under real Python with a *recording* stand-in for `keras`.

Real Keras/TensorFlow cannot be installed here, so this stub records what the file does:
every layer constructed (class, positional and keyword arguments, bound to Keras 3's
signatures) and every call of a layer on tensors, plus the Sequential/functional/subclassed
models built. tools/golden/keras_truth.mjs replays the recording with the same layers in
real TensorFlow.js (identical semantics) to get shapes and parameter counts.

Usage: python3 tools/golden/keras_record.py MODEL.py  -> JSON on stdout
Auto names follow Keras 3: snake_case class name, then _1, _2, ... per name.
"""
import inspect
import json
import re
import runpy
import sys
import types

# Keras 3 positional parameter order of the classes the fixtures use.
POSITIONAL = {
    'Conv': ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'groups', 'activation', 'use_bias'],
    'ConvTranspose': ['filters', 'kernel_size', 'strides', 'padding', 'output_padding', 'data_format', 'dilation_rate', 'activation', 'use_bias'],
    'SeparableConv': ['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'depth_multiplier', 'activation', 'use_bias'],
    'DepthwiseConv2D': ['kernel_size', 'strides', 'padding', 'depth_multiplier', 'data_format', 'dilation_rate', 'activation', 'use_bias'],
    'Dense': ['units', 'activation', 'use_bias'],
    'Pooling': ['pool_size', 'strides', 'padding', 'data_format'],
    'GlobalPooling': ['data_format', 'keepdims'],
    'BatchNormalization': ['axis', 'momentum', 'epsilon', 'center', 'scale'],
    'LayerNormalization': ['axis', 'epsilon', 'center', 'scale'],
    'Flatten': ['data_format'],
    'Reshape': ['target_shape'],
    'Dropout': ['rate', 'noise_shape', 'seed'],
    'Activation': ['activation'],
    'ReLU': ['max_value', 'negative_slope', 'threshold'],
    'UpSampling2D': ['size', 'data_format', 'interpolation'],
    'ZeroPadding2D': ['padding', 'data_format'],
    'Cropping2D': ['cropping', 'data_format'],
    'Add': [],
    'Concatenate': ['axis'],
}
ALIASES = {'MaxPool2D': 'MaxPooling2D', 'AvgPool2D': 'AveragePooling2D', 'Convolution2D': 'Conv2D', 'GlobalAvgPool2D': 'GlobalAveragePooling2D'}


def positional_names(cls):
    if re.fullmatch(r'Conv[123]D', cls):
        return POSITIONAL['Conv']
    if re.fullmatch(r'Conv[123]DTranspose', cls):
        return POSITIONAL['ConvTranspose']
    if re.fullmatch(r'SeparableConv[12]D', cls):
        return POSITIONAL['SeparableConv']
    if re.fullmatch(r'Global(Average|Max)Pooling[123]D', cls):
        return POSITIONAL['GlobalPooling']
    if re.fullmatch(r'(Max|Average)Pooling[123]D', cls):
        return POSITIONAL['Pooling']
    return POSITIONAL[cls]


def to_snake_case(name):
    name = re.sub(r'\W+', '', name)
    name = re.sub('(.)([A-Z][a-z]+)', r'\1_\2', name)
    return re.sub('([a-z])([A-Z])', r'\1_\2', name).lower()


def plain(value):
    """JSON-friendly: tuples become lists."""
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


class Recording:
    def __init__(self):
        self.layers = []
        self.tensors = []
        self.calls = []
        self.models = []
        self.name_counts = {}

    def auto_name(self, base):
        count = self.name_counts.get(base, 0)
        self.name_counts[base] = count + 1
        return base if count == 0 else f'{base}_{count}'


REC = Recording()


class KerasTensor:
    def __init__(self, shape=None, call=None):
        self.id = len(REC.tensors)
        REC.tensors.append({'id': self.id, **({'shape': plain(shape)} if shape is not None else {'call': call})})


def tensor_ids(value):
    if isinstance(value, KerasTensor):
        return [value.id]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in tensor_ids(v)]
    raise TypeError(f'not a tensor: {value!r}')


class Layer:
    def __init__(self, cls, args, kwargs):
        names = positional_names(cls)
        if len(args) > len(names):
            raise TypeError(f'{cls}: too many positional arguments')
        config = dict(zip(names, args))
        for key, value in kwargs.items():
            if key in config:
                raise TypeError(f"{cls}.__init__() got multiple values for argument '{key}'")
            config[key] = value
        self.cls = cls
        self.name = kwargs.get('name') or REC.auto_name(to_snake_case(cls))
        self.id = len(REC.layers)
        self.input_shape = kwargs.get('input_shape')
        REC.layers.append({'id': self.id, 'className': cls, 'name': self.name,
                           'args': plain(list(args)), 'kwargs': plain(kwargs), 'config': plain(config)})

    def __call__(self, inputs, *unused, **unused_kw):
        ids = tensor_ids(inputs)
        call_id = len(REC.calls)
        REC.calls.append({'id': call_id, 'layer': self.id, 'inputs': ids})
        out = KerasTensor(call=call_id)
        REC.calls[call_id]['output'] = out.id
        return out


def layer_class(cls):
    def make(*args, **kwargs):
        return Layer(cls, args, kwargs)
    make.__name__ = cls
    return make


def Input(shape=None, batch_size=None, name=None, batch_shape=None, **unused):
    full = list(batch_shape) if batch_shape is not None else [batch_size] + list(shape)
    return KerasTensor(shape=full)


class Model:
    """Functional `Model(inputs, outputs)` or the base of a subclassed model with `call()`."""

    def __init__(self, inputs=None, outputs=None, name=None, **unused):
        self._name = name
        self._recorded = False
        if inputs is not None and outputs is not None:
            self._record(inputs, outputs)

    def _record(self, inputs, outputs):
        REC.models.append({'name': self._name or REC.auto_name('functional' if type(self) is Model else to_snake_case(type(self).__name__)),
                           'inputs': tensor_ids(inputs), 'outputs': tensor_ids(outputs)})
        self._recorded = True

    def build(self, input_shape):
        x = Input(batch_shape=input_shape)
        self._record(x, self(x))

    def __call__(self, inputs, *args, **kwargs):
        return self.call(inputs, *args, **kwargs)

    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        return lambda *a, **k: None  # compile, fit, summary, ... do nothing here


class Sequential(Model):
    def __init__(self, layers=None, name=None, **unused):
        super().__init__(name=name)
        self._input = None
        self._output = None
        self._index = len(REC.models)
        REC.models.append({'name': name or REC.auto_name('sequential'), 'inputs': [], 'outputs': []})
        for layer in layers or []:
            self.add(layer)

    def add(self, layer):
        if isinstance(layer, KerasTensor):
            self._input = self._output = layer
        else:
            if self._output is None and layer.input_shape is not None:
                self._input = self._output = Input(shape=layer.input_shape)
            if self._output is None:
                raise ValueError('recording needs the input shape of a Sequential model')
            self._output = layer(self._output)
        REC.models[self._index]['inputs'] = [self._input.id]
        REC.models[self._index]['outputs'] = [self._output.id]


def functional(cls):
    def apply(inputs, **kwargs):
        return Layer(cls, (), kwargs)(inputs)
    return apply


def install():
    layers = types.ModuleType('keras.layers')
    for cls in list(POSITIONAL) + ['Conv1D', 'Conv2D', 'Conv3D', 'Conv2DTranspose', 'Conv3DTranspose', 'Conv1DTranspose',
                                   'SeparableConv1D', 'SeparableConv2D', 'MaxPooling1D', 'MaxPooling2D', 'MaxPooling3D',
                                   'AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D', 'GlobalAveragePooling1D',
                                   'GlobalAveragePooling2D', 'GlobalMaxPooling1D', 'GlobalMaxPooling2D']:
        if cls not in ('Conv', 'ConvTranspose', 'SeparableConv', 'Pooling', 'GlobalPooling'):
            setattr(layers, cls, layer_class(cls))
    for alias, cls in ALIASES.items():
        setattr(layers, alias, layer_class(cls))
    layers.Input = Input
    layers.add = functional('Add')
    layers.concatenate = functional('Concatenate')
    models = types.ModuleType('keras.models')
    models.Sequential, models.Model = Sequential, Model
    keras = types.ModuleType('keras')
    keras.layers, keras.models, keras.Sequential, keras.Model, keras.Input = layers, models, Sequential, Model, Input
    keras.optimizers = types.SimpleNamespace(Adam=lambda *a, **k: None, SGD=lambda *a, **k: None)
    tensorflow = types.ModuleType('tensorflow')
    tensorflow.keras = keras
    for name, module in {'keras': keras, 'keras.layers': layers, 'keras.models': models, 'tensorflow': tensorflow,
                         'tensorflow.keras': keras, 'tensorflow.keras.layers': layers, 'tensorflow.keras.models': models}.items():
        sys.modules[name] = module


def main(path):
    install()
    namespace = runpy.run_path(path, run_name='__fixture__')
    builders = [f for name, f in namespace.items()
                if inspect.isfunction(f) and f.__module__ == '__fixture__' and re.match(r'(build|create|make|get_model)', name)]
    for builder in sorted(builders, key=lambda f: f.__code__.co_firstlineno):
        builder()
    json.dump({'layers': REC.layers, 'tensors': REC.tensors, 'calls': REC.calls, 'models': REC.models}, sys.stdout)


if __name__ == '__main__':
    main(sys.argv[1])
