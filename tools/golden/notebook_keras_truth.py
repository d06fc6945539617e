"""A Keras notebook and its truth from real Keras 3, for the notebook analysis tests.

Run: KERAS_ENV=DIR /usr/bin/python3 tools/golden/notebook_keras_truth.py (part of
`npm run golden:notebooks`; DIR holds env.sh of the team's Keras truth setup, see
docs/testing.md). Writes test/fixtures/notebooks/keras.ipynb and keras.truth.json.

The notebook's code cells are run in order in one namespace, as Jupyter's "Run All" does
(IPython's shell lines and magics left out, no kernel): they are joined into one program,
which the Keras recorder (keras_truth.py, numpy backend) runs in a fresh Python. Every
layer call and model it records is then placed at its cell and its line in that cell.
Without Keras this stops and says so; it never writes stale truth.
"""
import json
import os
import subprocess
import sys
import tempfile

from keras_fixtures import PYTHON, RECORDER, check_keras, keras_environment
from notebook_cells import cell_line_of, code, md, notebook, program_of

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "test", "fixtures", "notebooks")

# A Colab-style Keras notebook: installs and magics, hyperparameters, a block function and a
# custom layer in their own cells, the functional model built from them cells below.
KERAS_NOTEBOOK = notebook([
    md("# MNIST convnet in Keras\nThe model is built over several cells."),
    code("!pip install -q keras\n%matplotlib inline\nimport numpy as np\nimport keras\nfrom keras import layers"),
    code("num_classes = 10\ninput_shape = (28, 28, 1)"),
    code('''
def conv_block(x, filters):
    x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
    x = layers.BatchNormalization()(x)
    return layers.MaxPooling2D(2)(x)
'''),
    code('''
class Scale(layers.Layer):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return x * self.factor
'''),
    md("The network uses the block and the layer above."),
    code('''
inputs = keras.Input(shape=input_shape)
x = Scale(1 / 255)(inputs)
x = conv_block(x, 32)
x = conv_block(x, 64)
x = layers.Flatten()(x)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(num_classes, activation="softmax")(x)
model = keras.Model(inputs, outputs, name="mnist_convnet")
'''),
    code("model.summary()"),
])


def placed(record, starts):
    cell, line = cell_line_of(starts, record["line"])
    return {"cell": cell, **record, "line": line}


def main():
    env = keras_environment()
    version = check_keras(env)
    source, starts = program_of(KERAS_NOTEBOOK)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "notebook_program.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(source)
        result = subprocess.run([PYTHON, RECORDER, path], cwd=folder, env=env, capture_output=True, text=True)
    if result.returncode != 0 or not result.stdout.strip():
        sys.exit(f"the Keras recorder failed\n{result.stderr}")
    recorded = json.loads(result.stdout)
    if "error" in recorded:
        sys.exit(f"the Keras notebook raised: {recorded['error']}")
    truth = {
        "generator": "tools/golden/notebook_keras_truth.py",
        "file": "keras.ipynb",
        "keras": version,
        "backend": recorded["backend"],
        "layers": [placed(layer, starts) for layer in recorded["layers"]],
        "models": [placed(model, starts) for model in recorded["models"]],
    }
    with open(os.path.join(OUT, "keras.ipynb"), "w", encoding="utf-8") as f:
        json.dump(KERAS_NOTEBOOK, f, indent=1)
        f.write("\n")
    with open(os.path.join(OUT, "keras.truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, indent=1)
        f.write("\n")
    print(f"keras.ipynb: real Keras {version}, {len(truth['layers'])} layer calls; "
          + ", ".join(f"{m['name']} {m['params']}" for m in truth["models"]))


if __name__ == "__main__":
    main()
