"""Truth for every Keras fixture from real Keras 3 (numpy backend).

Runs tools/golden/keras_truth.py once per model file, each in a fresh Python (Keras' auto
names count per session), and writes NAME.json beside the file in its folder's truth/:
every layer call (line, kind, name, input, output, params), every model (params, output)
and the error the file raised, if any.

Folders: test/fixtures/keras/models (written for the tests) and test/fixtures/keras/examples
(keras.io examples, see its README).

Needs Keras 3 importable by /usr/bin/python3 with the numpy backend. Either
  KERAS_ENV=DIR npm run golden:keras     (DIR holds env.sh from the team's Keras truth setup)
or export PYTHONPATH (keras, optree, ml_dtypes, typing_extensions), KERAS_BACKEND=numpy and
PYTHONHASHSEED=0 yourself. Without Keras this stops and says so; it never writes stale truth.

Usage: /usr/bin/python3 tools/golden/keras_fixtures.py [FILE.py ...]
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RECORDER = os.path.join(ROOT, "tools", "golden", "keras_truth.py")
FOLDERS = [os.path.join(ROOT, "test", "fixtures", "keras", d) for d in ("models", "examples", "invalid")]
PYTHON = "/usr/bin/python3"

SETUP_HELP = """Real Keras 3 is not importable by /usr/bin/python3, so no Keras truth was recorded.
Set KERAS_ENV to the folder of the team's Keras truth setup (the folder holding env.sh), e.g.
    KERAS_ENV=/path/to/keras-env npm run golden:keras
or export PYTHONPATH (keras, optree, ml_dtypes, typing_extensions sources), KERAS_BACKEND=numpy
and PYTHONHASHSEED=0 before running it. docs/testing.md says where the setup is described."""


def keras_environment():
    """The environment for the recorder: KERAS_ENV's env.sh exports on top of ours."""
    env = dict(os.environ)
    folder = os.environ.get("KERAS_ENV")
    if folder:
        script = os.path.join(folder, "env.sh")
        if not os.path.isfile(script):
            sys.exit(f"KERAS_ENV={folder} has no env.sh.\n\n{SETUP_HELP}")
        for line in open(script, encoding="utf-8"):
            match = re.match(r"\s*export\s+(\w+)=(\S+)", line)
            if match:
                env[match.group(1)] = match.group(2)
    env.setdefault("KERAS_BACKEND", "numpy")
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def check_keras(env):
    probe = [PYTHON, "-c", f"import sys; sys.path.insert(0, {os.path.dirname(RECORDER)!r}); "
             "import keras_truth; keras_truth.install_shims(); import keras; print(keras.__version__)"]
    result = subprocess.run(probe, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["(no message)"])[-1]
        sys.exit(f"{SETUP_HELP}\n\n(import keras said: {last})")
    return result.stdout.strip()


def record(path, env):
    folder, name = os.path.split(path)
    result = subprocess.run([PYTHON, RECORDER, name], cwd=folder, env=env, capture_output=True, text=True)
    if result.returncode != 0 or not result.stdout.strip():
        sys.exit(f"{path}: the recorder failed\n{result.stderr}")
    truth = json.loads(result.stdout)
    out_dir = os.path.join(folder, "truth")
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(out_dir, name[:-3] + ".json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump({"generator": "tools/golden/keras_fixtures.py", **truth}, f, indent=1)
        f.write("\n")
    summary = ", ".join(f"{m['name']} {m['params']}" for m in truth["models"])
    error = f"  error: {truth['error']['type']}" if "error" in truth else ""
    print(f"{os.path.relpath(target, ROOT)}: {len(truth['layers'])} layer calls; {summary}{error}")


def main(argv):
    env = keras_environment()
    version = check_keras(env)
    print(f"real Keras {version} (backend {env['KERAS_BACKEND']})")
    files = [os.path.abspath(a) for a in argv[1:]] or [
        os.path.join(folder, f) for folder in FOLDERS for f in sorted(os.listdir(folder)) if f.endswith(".py")
    ]
    for path in files:
        record(path, env)


if __name__ == "__main__":
    main(sys.argv)
