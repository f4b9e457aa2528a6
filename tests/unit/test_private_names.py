"""No module of the app reaches into another module's private names (``_x``).

A leading underscore says "implementation of this module": another module that uses it
breaks silently when the owner changes it. So a name used across modules is public (no
underscore, a docstring), and this test parses every module of ``nncore/``, ``ui/``,
``pages/`` and ``streamlit_app.py`` with :mod:`ast` and fails on:

* ``from m import _x`` (and an import of a module path with a private part);
* ``m._x`` where ``m`` is an imported module or an imported class or function;
* ``obj._x`` on any other object (``self`` and ``cls`` excepted) when this module defines
  no ``_x`` of its own (a module-level name, a class member, or an attribute it assigns):
  then ``_x`` belongs to some other module's class, or to a library's;
* ``getattr(obj, "_x")`` (and ``setattr``/``hasattr``/``delattr``) by the same rule;
* a call with a keyword argument ``_x=`` that no function of this module takes.

Dunder names (``__init__``, ``__version__``) are public. What is read on purpose from a
library's internals is on :data:`ALLOWED`, each with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ("nncore", "ui", "pages")

#: (module file, private name) -> why it is read across a module boundary on purpose
ALLOWED: dict[tuple[str, str], str] = {
    # Streamlit has no public way to wait until a run's messages are sent (ui/delivery.py's
    # docstring says why a live frame must): it reads the runtime's session manager, and
    # the session's event loop and outgoing queue. requirements.txt pins Streamlit, every
    # read falls back to a short pause if a name is gone, and tests/unit/test_delivery.py
    # checks the names still exist, so an upgrade that renames them fails there first.
    ("ui/delivery.py", "_session_mgr"): "Streamlit internal: Runtime's session manager",
    ("ui/delivery.py", "_event_loop"): "Streamlit internal: AppSession's event loop",
    ("ui/delivery.py", "_browser_queue"): "Streamlit internal: AppSession's outgoing queue",
}

#: TODO(issue 27): uses in files another change owns, until it takes the public name (the
#: old private name stays as an alias meanwhile); unlike ALLOWED, an entry may go stale
TODO: dict[tuple[str, str], str] = {
}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _app_modules() -> list[Path]:
    files = [ROOT / "streamlit_app.py"]
    for top in APP:
        files += sorted(p for p in (ROOT / top).rglob("*.py") if "__pycache__" not in p.parts)
    return files


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _defined_here(tree: ast.Module) -> tuple[set[str], set[str]]:
    """Private names this module defines (its own to use), and the private parameters
    of its functions (its own keyword arguments)."""
    names: set[str] = set()
    params: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            if not isinstance(node, ast.ClassDef):
                a = node.args
                params |= {p.arg for p in a.posonlyargs + a.args + a.kwonlyargs}
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.attr)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    names |= params
    return {n for n in names if _private(n)}, {p for p in params if _private(p)}


def _imported(tree: ast.Module) -> set[str]:
    """Names bound by an import: modules, or classes and functions of other modules."""
    bound: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            bound |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            bound |= {a.asname or a.name for a in node.names}
    return bound


def _root(node: ast.expr) -> ast.expr:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node


def cross_module_uses(path: Path) -> list[tuple[int, str, str]]:
    """Every use in ``path`` of another module's private name: (line, name, what)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    own, own_params = _defined_here(tree)
    imported = _imported(tree)
    found: list[tuple[int, str, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            for part in (node.module or "").split("."):
                if _private(part):
                    found.append((node.lineno, part, f"imports from {node.module}"))
            for a in node.names:
                if _private(a.name):
                    found.append((node.lineno, a.name, f"imports it from {node.module}"))
        elif isinstance(node, ast.Import):
            for a in node.names:
                for part in a.name.split("."):
                    if _private(part):
                        found.append((node.lineno, part, f"imports {a.name}"))
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            base = node.value
            if isinstance(base, ast.Name) and base.id in ("self", "cls"):
                continue
            root = _root(base)
            if isinstance(root, ast.Name) and root.id in imported:
                found.append((node.lineno, node.attr, f"reads it through {root.id}"))
            elif node.attr not in own:
                found.append((node.lineno, node.attr, "no name of this module"))
        elif isinstance(node, ast.Call):
            f = node.func
            if (isinstance(f, ast.Name) and f.id in ("getattr", "setattr", "hasattr", "delattr")
                    and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)
                    and isinstance(node.args[1].value, str) and _private(node.args[1].value)
                    and node.args[1].value not in own):
                found.append((node.lineno, node.args[1].value, f"{f.id} of no name of "
                              "this module"))
            for kw in node.keywords:
                if kw.arg and _private(kw.arg) and kw.arg not in own_params:
                    found.append((node.lineno, kw.arg, "a keyword no function here takes"))
    return found


def test_the_checker_finds_what_it_should(tmp_path):
    src = tmp_path / "m.py"
    src.write_text(
        "from nncore import network\n"
        "from nncore.network import _spans, MLP\n"
        "from ui.boundary import colours\n"
        "class K:\n"
        "    def __init__(self):\n"
        "        self._mine = 1\n"
        "    def same(self, other):\n"
        "        return other._mine + self._anything + self.__class__.__name__.__len__()\n"
        "def f(lossf, _own=0):\n"
        "    network._spans([1])\n"
        "    MLP._make_views\n"
        "    colours.x._y\n"
        "    f(1, _own=2)\n"
        "    MLP(_sizes=[1])\n"
        "    getattr(lossf, '_mine')\n"
        "    return lossf._value() + getattr(lossf, '_value')\n",
        encoding="utf-8")
    got = {(line, name) for line, name, _ in cross_module_uses(src)}
    assert got == {(2, "_spans"), (10, "_spans"), (11, "_make_views"), (12, "_y"),
                   (14, "_sizes"), (16, "_value")}


@pytest.mark.parametrize("path", _app_modules(), ids=_rel)
def test_no_module_uses_another_modules_private_names(path):
    rel = _rel(path)
    bad = [f"{rel}:{line}: {name} ({what})" for line, name, what in cross_module_uses(path)
           if (rel, name) not in ALLOWED and (rel, name) not in TODO]
    assert not bad, ("private names used across modules: make them public (with a "
                     "docstring) in the module that owns them:\n" + "\n".join(bad))


def test_every_allowed_use_still_exists():
    """An entry of ALLOWED that nothing needs any more is taken off."""
    used = {(_rel(p), name) for p in _app_modules() for _, name, _ in cross_module_uses(p)}
    stale = sorted(set(ALLOWED) - used)
    assert not stale, f"ALLOWED lists uses that are gone: {stale}"
