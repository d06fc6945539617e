"""Notebook building blocks shared by the notebook truth generators (PyTorch and Keras).

md/code/notebook build nbformat 4 cells and notebooks; python_of gives a code cell's text as
the Python Jupyter runs (IPython's shell lines and line magics out, non-Python cell magics
skipped); program_of joins the runnable cells into one program with each cell's first line.
"""
import re

PYTHON_CELL_MAGICS = {"time", "capture", "prun"}


def md(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text.splitlines(keepends=True)}


def code(text, outputs=None, metadata=None):
    return {"cell_type": "code", "execution_count": None, "metadata": metadata or {}, "outputs": outputs or [],
            "source": text.strip("\n").splitlines(keepends=True)}


def notebook(cells, metadata=None):
    return {"cells": cells, "metadata": metadata or {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}


def python_of(source):
    """The cell as Python: IPython-only lines become `pass` (indented) or blank; other cell magics skip the cell."""
    lines = source.split("\n")
    first = next((line for line in lines if line.strip()), "")
    magic = re.match(r"\s*%%(\w+)", first)
    if magic and magic.group(1) not in PYTHON_CELL_MAGICS:
        return None
    out = []
    for line in lines:
        if re.match(r"\s*[!%?]", line) or re.match(r"\s*[\w.]+\?{1,2}\s*$", line):
            indent = re.match(r"\s*", line).group(0)
            line = indent + "pass" if indent else ""
        out.append(line)
    return "\n".join(out)


def runnable_cells(nb):
    """(cell index, Python) of every code cell Jupyter runs as Python, in order."""
    for index, cell in enumerate(nb["cells"]):
        source = python_of("".join(cell["source"])) if cell["cell_type"] == "code" else None
        if source is not None:
            yield index, source


def program_of(nb):
    """The code cells Jupyter runs, in order, as one program: (source, [(cell index, first 1-based line)])."""
    parts, starts, line = [], [], 1
    for index, source in runnable_cells(nb):
        starts.append((index, line))
        parts.append(source)
        line += source.count("\n") + 1
    return "\n".join(parts) + "\n", starts


def cell_line_of(starts, program_line):
    """(cell index, 1-based line in the cell) of a 1-based program line."""
    cell, first = max((start for start in starts if start[1] <= program_line), key=lambda start: start[1])
    return cell, program_line - first + 1
