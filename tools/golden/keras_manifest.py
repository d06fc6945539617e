#!/usr/bin/python3
"""The manifest of keras.layers classes in scope, read from real Keras 3.

In scope: every public class of `keras.layers` that subclasses `keras.layers.Layer`, each under
the name Keras gives it (`__name__` when that name is exported; aliases such as `MaxPool2D` are
listed apart, mapped to their class). Left out, with the reason, are the layers that need
TensorFlow itself (found by constructing each class: Keras raises its own "requires TensorFlow"
ImportError, or the TensorFlow-backend-only error of TFSMLayer) and the few classes in
OUT_OF_SCOPE (abstract bases, containers and wrappers of foreign code). Writes
test/fixtures/keras/manifest.json, which test/unit/tf/kerasManifest.test.ts compares with the
engine's rule table, so that a new Keras version shows which classes have no rule yet.

Needs Keras 3 (see keras_fixtures.py): `KERAS_ENV=DIR npm run golden:kerascatalogue`.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from keras_fixtures import check_keras, keras_environment  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'keras', 'manifest.json')
OUT_OF_SCOPE = {
    'Layer': 'the abstract base class of every layer; it has no call of its own',
    'Wrapper': 'the abstract base class of TimeDistributed and Bidirectional',
    'Pipeline': 'a container that applies a list of preprocessing layers in turn, like Sequential',
    'Lambda': 'its output is whatever the user function computes; the front end follows keras.ops inside it',
    'FlaxLayer': 'wraps a Flax module: its shapes are those of foreign JAX code',
    'JaxLayer': 'wraps a JAX function: its shapes are those of foreign JAX code',
    'TorchModuleWrapper': 'wraps a torch.nn.Module: its shapes are those of foreign PyTorch code',
}
# Arguments without which a class cannot be constructed at all (to probe for the TensorFlow need).
PROBE_ARGS = {'TFSMLayer': {'filepath': 'model'}, 'Hashing': {'num_bins': 2}, 'HashedCrossing': {'num_bins': 2}}


def tensorflow_reason(keras, name):
    """Keras's own message when the class cannot be constructed without TensorFlow, else None."""
    try:
        getattr(keras.layers, name)(**PROBE_ARGS.get(name, {}))
    except (ImportError, NotImplementedError) as error:
        return str(error)
    except Exception:  # noqa: BLE001 - any other error is a missing argument: the class runs without TensorFlow
        return None
    return None


def main():
    env = keras_environment()
    if os.environ.get('KERAS_MANIFEST_CHILD') != '1':
        check_keras(env)
        os.execve(sys.executable, [sys.executable, __file__], {**env, 'KERAS_MANIFEST_CHILD': '1'})
    import keras_truth
    keras_truth.install_shims()
    import keras
    from keras.src.layers import Layer

    exported = {}
    for name in dir(keras.layers):
        value = getattr(keras.layers, name)
        if isinstance(value, type) and issubclass(value, Layer):
            exported.setdefault(value, []).append(name)
    classes, aliases, excluded = [], {}, {}
    for cls, names in exported.items():
        canonical = cls.__name__ if cls.__name__ in names else sorted(names)[0]
        for alias in names:
            if alias != canonical:
                aliases[alias] = canonical
        reason = OUT_OF_SCOPE.get(canonical)
        if reason is None:
            needs = tensorflow_reason(keras, canonical)
            reason = f'needs TensorFlow: {needs}' if needs else None
        if reason:
            excluded[canonical] = reason
        else:
            classes.append(canonical)
    payload = {'keras': keras.__version__, 'backend': keras.backend.backend(), 'generator': 'tools/golden/keras_manifest.py',
               'classes': sorted(classes), 'aliases': dict(sorted(aliases.items())), 'excluded': dict(sorted(excluded.items()))}
    with open(OUT, 'w') as handle:
        json.dump(payload, handle, indent=1)
        handle.write('\n')
    print(f'{len(classes)} keras.layers classes in scope, {len(excluded)} left out, {len(aliases)} aliases')


if __name__ == '__main__':
    main()
