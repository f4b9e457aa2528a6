"""The app's layers, read from the source (``ast``, nothing imported but the page table):
pages -> ui -> nncore and never back; the shared ui modules (the frame, state, charts,
strings, numbers, the course...) import no page package (``ui/<page>/``); a page imports
its own package and the shared modules only; no import cycle among the app's modules,
function-local imports counted; and no function-local import of an app module unless it
is on :data:`LOCAL_IMPORTS` with its reason (a local import must not hide a loop).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from ui.nav import PAGES

ROOT = Path(__file__).resolve().parents[2]
#: the app's own packages (what an import is checked against); pages are scripts
APP_PACKAGES = ("ui", "nncore")
#: the ui packages that are not a page's: shared by every page. ``classroom`` is the Class
#: page's logic and also class mode on every page: the frame polls the class, shows its
#: question, the teacher's view and the challenge on whatever page a student is on (as it
#: draws the lesson panel from ``course``), so it knows no page package either (a challenge
#: entry is scored from the run's ``nncore`` Config, not from the MLP page's settings)
SHARED_PACKAGES = frozenset({"i18n", "course", "classroom"})

#: (module, the app module it imports inside a function) -> why it is not at the top.
#: Anything else imported inside a function is reported: at the top it shows what a
#: module needs, and a loop there fails :func:`test_no_import_cycle` instead of hiding.
LOCAL_IMPORTS: dict[tuple[str, str], str] = {
    ("nncore.network", "nncore.torch_ref"):
        "MLP.to_torch: the PyTorch bridge is loaded only where torch is used (torch_ref "
        "itself imports torch lazily; no loop: it could move to the top)",
    ("nncore.export", "nncore.torch_ref"):
        "state_dict_bytes: the PyTorch bridge, loaded only where torch is used (no loop)",
    ("nncore.trace", "nncore.torch_ref"):
        "torch_check: the PyTorch bridge, loaded only where torch is used (no loop)",
    ("ui.activations.view", "nncore.torch_ref"):
        "torch_agreement: the PyTorch bridge, loaded only on the comparison table's "
        "button (no loop)",
}


@dataclass(frozen=True)
class Import:
    """One import statement's target among the app's modules (or a third-party name)."""

    source: str  # the importing module, e.g. "ui.frame" or "pages.3_MLP"
    target: str  # the module imported, e.g. "ui.course.panel", "streamlit.errors"
    local: bool  # inside a function (not run at import time)
    line: int


def module_name(path: Path) -> str:
    """``ui/course/panel.py`` -> ``ui.course.panel``; ``ui/i18n/__init__.py`` -> ``ui.i18n``."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def app_files() -> dict[str, Path]:
    """Every module of the app by name: the packages, the page scripts, the entry script."""
    files = [p for pkg in APP_PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    files += [*(ROOT / "pages").glob("*.py"), ROOT / "streamlit_app.py"]
    return {module_name(p): p for p in sorted(files)}


def _resolve(name: str) -> str:
    """The app module an imported dotted name is (``ui.frame``), else the name itself."""
    modules = app_files()
    while name and name not in modules and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def _imports_of(source: str, tree: ast.Module) -> Iterator[Import]:
    functions = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)

    def walk(node: ast.AST, local: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            inner = local or isinstance(child, functions)
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield Import(source, _resolve(alias.name), inner, child.lineno)
            elif isinstance(child, ast.ImportFrom):
                assert child.level == 0, f"{source}:{child.lineno}: a relative import"
                for alias in child.names:  # `from ui import frame`: the module ui.frame
                    yield Import(source, _resolve(f"{child.module}.{alias.name}"), inner,
                                 child.lineno)
            yield from walk(child, inner)

    yield from walk(tree, False)


@cache
def all_imports() -> tuple[Import, ...]:
    return tuple(imp for name, path in app_files().items()
                 for imp in _imports_of(name, ast.parse(path.read_text(encoding="utf-8"))))


def is_app(name: str) -> bool:
    return name in app_files()


def page_package(name: str) -> str | None:
    """The page a ``ui.<page>...`` module belongs to, else None (shared or not ui)."""
    parts = name.split(".")
    if parts[0] == "ui" and len(parts) > 1 and parts[1] in PAGE_PACKAGES:
        return parts[1]
    return None


def layer(name: str) -> str:
    return name.split(".")[0] if name != "streamlit_app" else "pages"


#: the page packages: ui/<id>/ for every page of the app that has one
PAGE_PACKAGES = frozenset(p.id for p in PAGES if (ROOT / "ui" / p.id).is_dir())
#: page script -> its page id
PAGE_OF_SCRIPT = {module_name(ROOT / p.path): p.id for p in PAGES}


# ----------------------------------------------------------------------------- the checks
def test_the_reader_sees_the_apps_modules_and_imports():
    modules = app_files()
    assert {"ui.frame", "ui.course.panel", "nncore.network", "pages.3_MLP",
            "streamlit_app"} <= set(modules)
    edges = {(i.source, i.target) for i in all_imports()}
    assert ("ui.frame", "ui.course.panel") in edges  # `from ui.course import panel`
    assert ("ui.frame", "streamlit") in edges
    assert ("nncore.export", "nncore.torch_ref") in edges  # a local import counts too
    assert set(PAGE_OF_SCRIPT.values()) == {p.id for p in PAGES}


def test_every_ui_package_is_a_page_package_or_shared():
    packages = {p.name for p in (ROOT / "ui").iterdir() if (p / "__init__.py").exists()}
    assert packages == PAGE_PACKAGES | SHARED_PACKAGES
    assert not PAGE_PACKAGES & SHARED_PACKAGES
    assert {"activations", "neuron", "mlp", "backprop", "lessons", "optimizers"} <= PAGE_PACKAGES


def test_imports_run_pages_to_ui_to_nncore():
    """pages -> ui -> nncore: ui never imports a page script, nncore neither ui nor a page,
    and a page script no nncore (its package does the work)."""
    allowed = {"pages": {"ui"}, "ui": {"ui", "nncore"}, "nncore": {"nncore"}}
    wrong = [f"{i.source}:{i.line} imports {i.target}" for i in all_imports()
             if is_app(i.target) and layer(i.target) not in allowed[layer(i.source)]]
    assert wrong == []


def test_nncore_imports_neither_streamlit_nor_ui():
    wrong = [f"{i.source}:{i.line} imports {i.target}" for i in all_imports()
             if layer(i.source) == "nncore"
             and i.target.split(".")[0] in ("streamlit", "ui", "pages", "altair")]
    assert wrong == []


def test_shared_ui_modules_import_no_page_package():
    """The frame, state, charts, strings, numbers, the course: what every page uses knows
    no page (a lesson reads its page's run from session state)."""
    wrong = [f"{i.source}:{i.line} imports {i.target}" for i in all_imports()
             if layer(i.source) == "ui" and page_package(i.source) is None
             and page_package(i.target) is not None]
    assert wrong == []


def test_a_page_uses_its_own_package_and_the_shared_modules_only():
    wrong = []
    for i in all_imports():
        target_page = page_package(i.target)
        if target_page is None:
            continue
        own = page_package(i.source) or PAGE_OF_SCRIPT.get(i.source)
        if own != target_page:
            wrong.append(f"{i.source}:{i.line} imports {i.target}")
    assert wrong == []


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module, or a self-import
    (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in edges.get(node, ()):
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_loop_and_only_loops():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set(), "c": {"c"}}) == [["c"]]
    assert _cycles({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_no_import_cycle():
    """No loop among the app's modules, counting imports inside functions: those run late
    but still tie the modules in a circle (the frame and the lessons were one)."""
    edges: dict[str, set[str]] = {name: set() for name in app_files()}
    for i in all_imports():
        if is_app(i.target):
            edges[i.source].add(i.target)
    assert _cycles(edges) == []


def test_no_function_local_import_of_an_app_module_without_a_reason():
    local = {(i.source, i.target): f"{i.source}:{i.line} imports {i.target}"
             for i in all_imports() if i.local and is_app(i.target)}
    assert sorted(v for k, v in local.items() if k not in LOCAL_IMPORTS) == []
    assert all(reason.strip() for reason in LOCAL_IMPORTS.values())


@pytest.mark.parametrize("entry", sorted(LOCAL_IMPORTS), ids="->".join)
def test_every_allowed_local_import_still_exists(entry):
    """An entry whose import moved to the top (or away) is taken off the list."""
    assert entry in {(i.source, i.target) for i in all_imports() if i.local}
