"""The exported scripts' code, as real Python modules; only their data is written per run.

Each template is one complete, self-contained script (NumPy, and torch imported inside its
functions) with one marked block::

    # ---- DATA: the run's numbers, written by NN Playground (Python literals only) ----
    DATA: dict = {}
    # ---- end of DATA ----

:func:`render` copies the template and writes ``DATA = {...}`` into that block (a Python
literal: numbers, strings, lists, tuples, dicts, None, booleans; floats in their shortest
exact form), with comments that say what each entry is. Nothing else of the script is
generated, so the code below the block is the code ruff lints and the tests import and run
in-process (``tests/unit/test_export_templates.py``). :func:`read_data` reads the block
back from a script's text.

| template | script |
|---|---|
| ``continue_run`` | a Playground run continued in PyTorch (:func:`nncore.export.pytorch_script`) |
| ``one_step`` | the Backprop page's step (:func:`nncore.export.step_script`) |
"""

from __future__ import annotations

import ast
import functools
import math
from importlib import resources

import numpy as np

__all__ = ["BEGIN", "END", "TEMPLATES", "literal", "read_data", "render", "source"]

BEGIN = "# ---- DATA: the run's numbers, written by NN Playground (Python literals only) ----"
END = "# ---- end of DATA ----"
PLACEHOLDER = "DATA: dict = {}"
TEMPLATES = ("continue_run", "one_step")
#: the longest line a literal is packed to (the repository's line length is 100)
WIDTH = 96


@functools.cache
def source(name: str) -> str:
    """The text of template ``name`` (shipped in this package as ``<name>.py``)."""
    if name not in TEMPLATES:
        raise ValueError(f"no export template {name!r}; templates: {', '.join(TEMPLATES)}")
    return resources.files(__package__).joinpath(f"{name}.py").read_text(encoding="utf-8")


def _comment(text: str, indent: int = 0) -> str:
    """``text`` as comment lines (every line prefixed: nothing in it can become code)."""
    pad = " " * indent
    return "".join(f"{pad}# {line}".rstrip() + "\n" for line in str(text).splitlines() or [""])


def render(name: str, entries: list[tuple[str, object, str]], about: str = "") -> str:
    """Template ``name`` with its DATA block written.

    Parameters
    ----------
    name : str
        One of :data:`TEMPLATES`.
    entries : list of (key, value, comment)
        DATA's items in order; each value a literal (see :func:`literal`), each comment a
        sentence written above its key ("" for none).
    about : str
        Comment lines written at the top of the block (what this run is).
    """
    text = source(name)
    block = f"{BEGIN}\n{PLACEHOLDER}\n{END}\n"
    if text.count(block) != 1:
        raise ValueError(f"template {name!r} has no single DATA block")
    lines = [BEGIN + "\n", _comment(about) if about else "", "DATA = {\n"]
    for key, value, note in entries:
        if note:
            lines.append(_comment(note, 4))
        lines.append(f"    {key!r}: {literal(value, 4, 4 + len(repr(key)) + 2)},\n")
    lines.append("}\n" + END + "\n")
    return text.replace(block, "".join(lines))


def read_data(text: str) -> dict:
    """The ``DATA`` dict of a rendered script's text (its block evaluated as a literal)."""
    start, end = text.index(BEGIN), text.index(END)
    tree = ast.parse(text[start:end])
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if isinstance(target, ast.Name) and target.id == "DATA":
                return ast.literal_eval(node.value)
    raise ValueError("the DATA block assigns no DATA")


def _flat(v) -> str:
    """``v`` as a one-line literal; floats round-trip exactly (shortest repr)."""
    if isinstance(v, np.generic):  # a NumPy scalar: its Python value
        v = v.item()
    if v is None or isinstance(v, bool | str):
        return repr(v)
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"a DATA literal cannot hold the non-finite number {v!r}")
        return repr(float(v))
    if isinstance(v, list):
        return "[" + ", ".join(_flat(x) for x in v) + "]"
    if isinstance(v, tuple):
        return "(" + ", ".join(_flat(x) for x in v) + ("," if len(v) == 1 else "") + ")"
    if isinstance(v, dict):
        if not all(isinstance(k, str) for k in v):
            raise ValueError("DATA's dicts take string keys only")
        return "{" + ", ".join(f"{k!r}: {_flat(x)}" for k, x in v.items()) + "}"
    raise TypeError(f"not a DATA literal: {type(v).__name__} (convert arrays with .tolist())")


def literal(value, indent: int = 0, column: int | None = None) -> str:
    """``value`` as a Python literal, on one line if it fits, else spread over lines.

    ``indent`` is the indentation of the line the literal starts on (its closing bracket
    goes there), ``column`` where the literal starts on it (default ``indent``). A list of
    numbers is packed many to a line, and so is a list of short rows (points, (n, 2)); a
    list of longer rows (a matrix) takes a row per line.
    ``ast.literal_eval`` of the result equals ``value`` exactly.
    """
    flat = _flat(value)
    column = indent if column is None else column
    if column + len(flat) + 1 <= WIDTH or not isinstance(value, list | tuple | dict):
        return flat
    pad = " " * (indent + 4)
    if isinstance(value, dict):
        body = [f"{pad}{k!r}: {literal(v, indent + 4, indent + 4 + len(repr(k)) + 2)},\n"
                for k, v in value.items()]
        return "{\n" + "".join(body) + " " * indent + "}"
    opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")")
    items = [_flat(v) for v in value]
    nested = any(isinstance(v, list | tuple | dict) for v in value)
    if nested and max(map(len, items)) > WIDTH // 2:
        body = [f"{pad}{literal(v, indent + 4)},\n" for v in value]
    else:  # numbers, or short rows (points): packed to the width
        body, line = [], pad
        for item in (i + "," for i in items):
            if len(line) > len(pad) and len(line) + 1 + len(item) > WIDTH:
                body.append(line + "\n")
                line = pad
            line += (" " if len(line) > len(pad) else "") + item
        body.append(line + "\n")
    return opening + "\n" + "".join(body) + " " * indent + closing
