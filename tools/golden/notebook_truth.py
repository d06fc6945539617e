"""Jupyter notebooks and their truth from real PyTorch, for the notebook analysis tests.

Run: /usr/bin/python3 tools/golden/notebook_truth.py (or `npm run golden:notebooks`).
Writes test/fixtures/notebooks/*.ipynb and test/fixtures/notebooks/truth.json.

Each notebook's code cells are executed in order in one namespace, as Jupyter's "Run All"
does, with IPython's shell lines and line magics left out and non-Python cell magics
skipped (no kernel here). A cell that raises is recorded and the next cells still run.
Every leaf layer call is recorded through a global forward hook, placed at the (cell, line)
of the layer's constructor call; every error at the innermost line of a cell, with the layer whose forward raised.
"""
import json
import os
import re
import traceback

import torch
from torch import nn

from notebook_cells import code, md, notebook, runnable_cells

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "test", "fixtures", "notebooks")

IMPORTS = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F"
BLOCK = '''
class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return F.max_pool2d(F.relu(self.bn(self.conv(x))), 2)
'''
NET = '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.b1 = Block(3, WIDTH)
        self.b2 = Block(WIDTH, WIDTH * 2)
        self.fc = nn.Linear(WIDTH * 2 * 8 * 8, CLASSES)

    def forward(self, x):
        x = self.b2(self.b1(x))
        return self.fc(torch.flatten(x, 1))
'''
RUN = "model = Net()\nout = model(torch.randn(1, 3, 32, 32))\nout.shape"

NOTEBOOKS = {
    # A model spread over cells: imports, hyperparameters, block, network, call.
    "spread.ipynb": notebook([
        md("# A small CNN\nBuilt over several cells."),
        code(IMPORTS),
        code("WIDTH = 16\nCLASSES = 10"),
        code(BLOCK),
        md("The network uses the block above."),
        code(NET),
        code(RUN),
    ]),
    # A class redefined in a later cell: the new definition holds from there on.
    "redefine.ipynb": notebook([
        code(IMPORTS),
        code("class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.conv = nn.Conv2d(3, 8, 3)\n\n"
             "    def forward(self, x):\n        return self.conv(x)"),
        code("first = Net()(torch.randn(1, 3, 16, 16))"),
        code("class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.conv = nn.Conv2d(3, 32, 5, stride=2)\n\n"
             "    def forward(self, x):\n        return self.conv(x)"),
        code("second = Net()(torch.randn(1, 3, 16, 16))"),
    ]),
    # Shell lines, line magics (one inside a block), a Python cell magic and a bash cell.
    "magics.ipynb": notebook([
        code("!pip install torch\n%matplotlib inline\n" + IMPORTS),
        code("%%bash\necho not python at all\nls -la"),
        code("%%time\nstem = nn.Sequential(\n    nn.Conv2d(1, 6, 5),\n    nn.ReLU(),\n    nn.MaxPool2d(2),\n)"),
        code("if True:\n    %timeit torch.zeros(1)\n    x = torch.randn(2, 1, 28, 28)\nstem?"),
        code("y = stem(x)\n!nvidia-smi\ny.shape"),
    ]),
    # An invalid cell: the Linear expects the wrong number of features; PyTorch raises.
    "invalid.ipynb": notebook([
        code(IMPORTS),
        md("The classifier below has the wrong in_features."),
        code("net = nn.Sequential(\n    nn.Conv2d(3, 16, 3),\n    nn.Flatten(),\n    nn.Linear(100, 10),\n)"),
        code("logits = net(torch.randn(1, 3, 12, 12))"),
    ]),
    # Exported from Colab: its metadata, cell ids, execution counts and outputs (a large image).
    "colab.ipynb": notebook([
        dict(md("# Colab export"), metadata={"id": "intro"}),
        code(IMPORTS, metadata={"id": "imports", "colab": {"base_uri": "https://localhost:8080/"}}),
        code("enc = nn.Sequential(nn.Conv2d(3, 24, 3, stride=2, padding=1), nn.ReLU(), nn.Conv2d(24, 48, 3, stride=2, padding=1))\n"
             "feat = enc(torch.randn(4, 3, 64, 64))\nfeat.shape",
             outputs=[{"output_type": "execute_result", "execution_count": 3, "metadata": {},
                       "data": {"text/plain": ["torch.Size([4, 48, 16, 16])"], "image/png": "iVBORw0KGgo" + "A" * 200000}}],
             metadata={"id": "model", "outputId": "7d1c"}),
    ], metadata={"colab": {"provenance": [], "gpuType": "T4", "name": "colab.ipynb"}, "accelerator": "GPU",
                 "kernelspec": {"display_name": "Python 3", "name": "python3"}, "language_info": {"name": "python"}}),
    "empty.ipynb": notebook([]),
    # Two models in two cells, both after the class they use: the editor follows the active cell's model.
    "models.ipynb": notebook([
        code(IMPORTS),
        code(BLOCK),
        md("Two models: an encoder of blocks, then a small classifier."),
        code("encoder = nn.Sequential(Block(3, 8), Block(8, 16))\nfeatures = encoder(torch.randn(1, 3, 32, 32))"),
        code("classifier = nn.Sequential(\n    nn.Conv2d(3, 6, 5),\n    nn.ReLU(),\n    nn.Flatten(),\n    nn.Linear(6 * 24 * 24, 10),\n)\n"
             "logits = classifier(torch.randn(2, 3, 28, 28))"),
    ]),
}


def cell_place(frames):
    """(cell, 1-based line) of the innermost frame in a notebook cell."""
    for frame in reversed(frames):
        match = re.match(r"<cell (\d+)>", frame.filename)
        if match:
            return int(match.group(1)), frame.lineno
    return None


def run(nb):
    calls, errors = [], []
    original_init = nn.Module.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        object.__setattr__(self, "_nb_place", cell_place(traceback.extract_stack()[:-1]))

    entered = []

    def pre_hook(module, inputs):
        if not any(True for _ in module.children()):
            entered.append(module)

    def hook(module, inputs, output):
        if any(True for _ in module.children()) or not isinstance(output, torch.Tensor):
            return
        entered.pop()
        cell, line = module._nb_place
        calls.append({"cell": cell, "line": line, "kind": type(module).__name__, "input": list(inputs[0].shape),
                      "output": list(output.shape), "params": sum(p.numel() for p in module.parameters())})

    nn.Module.__init__ = init
    handle = torch.nn.modules.module.register_module_forward_hook(hook)
    pre_handle = torch.nn.modules.module.register_module_forward_pre_hook(pre_hook)
    namespace = {}
    try:
        for index, source in runnable_cells(nb):
            entered.clear()
            try:
                with torch.no_grad():
                    exec(compile(source, f"<cell {index}>", "exec"), namespace)
            except Exception as error:  # noqa: BLE001 - every failure is truth
                cell_at, line = cell_place(traceback.extract_tb(error.__traceback__))
                # The layer whose forward raised, placed at its constructor call like the calls.
                layer = entered[-1]._nb_place if entered else None
                errors.append({"cell": cell_at, "line": line, "type": type(error).__name__,
                               "message": str(error).split("\n")[0],
                               "layer": {"cell": layer[0], "line": layer[1]} if layer else None})
    finally:
        handle.remove()
        pre_handle.remove()
        nn.Module.__init__ = original_init
    return {"calls": calls, "errors": errors}


truth = {"torch": torch.__version__, "notebooks": {}}
for name, nb in NOTEBOOKS.items():
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(nb, f, indent=1)
        f.write("\n")
    truth["notebooks"][name] = run(nb)
with open(os.path.join(OUT, "truth.json"), "w") as f:
    json.dump(truth, f, indent=1)
    f.write("\n")
print(json.dumps(truth)[:3000])
