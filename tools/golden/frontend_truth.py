"""Record PyTorch's own truth for the front-end snippets in test/unit/frontends/snippets/.

Each snippet runs as __main__ under real PyTorch through pytorch_truth.record_file (the
same recorder as the model corpus): per top-level model call its input, output, total
parameters and, per torch.nn leaf-layer call, path, kind, constructor line, shapes and
parameters; PyTorch's error message and line when the snippet raises.
Writes test/unit/frontends/truth/<snippet>.json. Run with /usr/bin/python3 (needs torch):
  /usr/bin/python3 tools/golden/frontend_truth.py [SNIPPET.py ...]
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_truth import record_file, write_json  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
SNIPPETS = os.path.join(ROOT, 'test', 'unit', 'frontends', 'snippets')
TRUTH = os.path.join(ROOT, 'test', 'unit', 'frontends', 'truth')


def main():
    names = sys.argv[1:] or sorted(name for name in os.listdir(SNIPPETS) if name.endswith('.py'))
    for name in names:
        # A snippet that parses its command line (argparse) runs as with no options given.
        sys.argv = [os.path.join(SNIPPETS, name)]
        truth = record_file(os.path.join(SNIPPETS, name))
        write_json(truth, os.path.join(TRUTH, name[:-3] + '.json'))
        layers = sum(len(model['layers']) for model in truth['models'])
        print(f"{name}: {len(truth['models'])} model calls, {layers} layer calls, error: {truth['error'] and truth['error']['message']}")


if __name__ == '__main__':
    main()
