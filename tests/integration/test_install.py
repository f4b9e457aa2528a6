"""``pip install .`` gives a notebook user ``nncore`` alone, with only numpy beside it.

The repository is copied to a temporary directory (a build writes ``build/`` and
``*.egg-info`` next to the sources, and the work tree stays clean), built into a wheel with
pip, and installed with pip into a fresh virtual environment made without the system's or
this environment's site-packages. Nothing is downloaded: numpy, the one dependency, is
this environment's own, linked into the new environment by a ``.pth`` file that exposes
only numpy and its metadata (pip then sees ``numpy`` installed and resolves ``nncore``'s
requirement against it, offline). The README's "Use nncore in a notebook" example then runs
in isolated mode (``python -I``: no current directory, no ``PYTHONPATH``) from a temporary
directory, so the source tree is not on the path; it must not import streamlit or torch.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: what a build of the repository must not copy: environments, caches and build output
NOT_SOURCES = shutil.ignore_patterns(".venv", "venv", ".git", "__pycache__", "*.egg-info",
                                     "build", "dist", ".ruff_cache", ".pytest_cache",
                                     "artifacts", "node_modules")

#: runs the README's example (argv[1]) as __main__, then prints what it imported
PROBE = """
import importlib.metadata, importlib.util, json, sys
exec(compile(sys.argv[1], "README.md", "exec"), {"__name__": "__main__"})
import nncore
print("PROBE " + json.dumps({
    "version": nncore.__version__,
    "dist_version": importlib.metadata.version("nncore"),
    "file": nncore.__file__,
    "path": sys.path,
    "imported": sorted(m for m in ("streamlit", "torch") if m in sys.modules),
    "installed": sorted(m for m in ("streamlit", "torch", "ui", "pandas")
                        if importlib.util.find_spec(m) is not None),
}))
"""


def _notebook_example() -> str:
    section = README.split("## Use nncore in a notebook", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def _source_version() -> str:
    """``__version__`` as written in nncore/__init__.py (the one place it is written)."""
    tree = ast.parse((ROOT / "nncore" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError("nncore/__init__.py sets no __version__")


def _can_build_offline() -> bool:
    """setuptools here can build the wheel without fetching its build requirements."""
    try:
        version = tuple(int(p) for p in metadata.version("setuptools").split(".")[:2])
    except (metadata.PackageNotFoundError, ValueError):
        return False
    if version < (61, 0):  # [project] in pyproject.toml
        return False
    if version >= (70, 1):  # bdist_wheel is part of setuptools from 70.1
        return True
    try:
        metadata.version("wheel")
    except metadata.PackageNotFoundError:
        return False
    return True


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)
    assert out.returncode == 0, f"{cmd[:4]} failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out


def _pip_with_python_option() -> bool:
    """pip >= 22.3 installs into another interpreter's environment (``--python``)."""
    version = tuple(int(p) for p in metadata.version("pip").split(".")[:2])
    return version >= (22, 3)


def test_pip_install_gives_nncore_alone_and_the_notebook_example_runs(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"

    # 1. the wheel, built by pip from a copy of the repository
    src, dist = tmp_path / "src", tmp_path / "dist"
    shutil.copytree(ROOT, src, ignore=NOT_SOURCES)
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(src)]
    if _can_build_offline():
        build[4:4] = ["--no-build-isolation", "--no-index"]
    _run(build, env=env)
    (wheel,) = dist.glob("nncore-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    version = _source_version()
    assert {n.split("/")[0] for n in names} == {"nncore", f"nncore-{version}.dist-info"}
    # every module of the package, subpackages included (the export templates), and no other
    sources = {p.relative_to(ROOT).as_posix() for p in (ROOT / "nncore").rglob("*.py")
               if "__pycache__" not in p.parts}
    assert {n for n in names if n.endswith(".py")} == sources
    meta = zipfile.ZipFile(wheel).read(f"nncore-{version}.dist-info/METADATA").decode()
    requires = re.findall(r"^Requires-Dist: (.*)$", meta, re.M)
    assert [r for r in requires if "extra ==" not in r] == ["numpy>=2"]

    # 2. a fresh environment that sees numpy and nothing else of this one
    venv = tmp_path / "venv"
    own_pip = not _pip_with_python_option()
    _run([sys.executable, "-m", "venv", *([] if own_pip else ["--without-pip"]), str(venv)],
         env=env)
    py = venv / "bin" / "python"
    site = _run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                env=env).stdout.strip()
    numpy_only = tmp_path / "numpy_only"
    numpy_only.mkdir()
    here = Path(np.__file__).resolve().parent.parent
    linked = [n for n in ("numpy", "numpy.libs", f"numpy-{np.__version__}.dist-info")
              if (here / n).exists()]
    assert "numpy" in linked and f"numpy-{np.__version__}.dist-info" in linked
    for n in linked:
        (numpy_only / n).symlink_to(here / n)
    (Path(site) / "numpy_only.pth").write_text(f"{numpy_only}\n", encoding="utf-8")
    before = _run([str(py), "-I", "-c", "import importlib.util as u; print([m for m in "
                   "('numpy', 'nncore', 'streamlit', 'torch') if u.find_spec(m)])"],
                  cwd=tmp_path, env=env).stdout.split()
    assert before == ["['numpy']"], "the fresh environment must hold numpy only"

    # 3. pip installs the wheel, resolving its numpy requirement offline
    pip = [str(py), "-m", "pip"] if own_pip else [sys.executable, "-m", "pip", "--python",
                                                   str(py)]
    out = _run([*pip, "install", "--no-index", "--find-links", str(dist), "nncore"], env=env)
    assert "Successfully installed nncore" in out.stdout

    # 4. the README's example, from a directory away from the sources
    work = tmp_path / "notebook"
    work.mkdir()
    out = _run([str(py), "-I", "-c", PROBE, _notebook_example()], cwd=work, env=env)
    assert "test accuracy" in out.stdout and "(4, 8) (8, 2)" in out.stdout
    probe = json.loads(out.stdout.split("PROBE ", 1)[1])
    assert probe["version"] == probe["dist_version"] == version
    assert Path(probe["file"]).resolve().is_relative_to(Path(site).resolve())
    assert not any(Path(p).resolve().is_relative_to(ROOT) for p in probe["path"] if p)
    assert probe["imported"] == []  # the example needs neither streamlit nor torch
    assert probe["installed"] == []  # and the environment holds no app package
