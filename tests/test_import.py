"""`import nncore` stays light: no torch, no streamlit."""

import subprocess
import sys


def test_import_nncore_does_not_import_torch_or_streamlit():
    code = (
        "import sys, nncore, nncore.network, nncore.train, nncore.torch_ref;"
        "print('torch' in sys.modules, 'streamlit' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
