"""`import nncore` and every one of its modules stays light: no torch, no streamlit."""

import subprocess
import sys


def test_no_nncore_module_imports_torch_or_streamlit():
    code = (
        "import sys, pkgutil, importlib, nncore\n"
        "for m in pkgutil.iter_modules(nncore.__path__):\n"
        "    importlib.import_module('nncore.' + m.name)\n"
        "print(len(list(pkgutil.iter_modules(nncore.__path__))),"
        " 'torch' in sys.modules, 'streamlit' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    n_modules, torch_loaded, streamlit_loaded = out.stdout.split()
    assert int(n_modules) >= 10  # activations ... trace: the walk really imported them
    assert (torch_loaded, streamlit_loaded) == ("False", "False")
