"""Every page runs without torch installed (issue 11): a subprocess makes ``import torch``
fail, runs each page under AppTest with its PyTorch controls, and reports what it saw.

torch is optional at run time: the app's PyTorch checks say what they would show and how
to install it; nothing else changes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from ui.i18n import tr

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import importlib.abc, json, sys

    class NoTorch(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "torch" or name.startswith("torch."):
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, NoTorch())
    from streamlit.testing.v1 import AppTest

    def run(path, params, press=None):
        at = AppTest.from_file("streamlit_app.py", default_timeout=60)
        at.query_params.update({"lang": "en", **params})
        at.switch_page(path).run()
        if press is not None:
            buttons = [b for b in at.button if b.key == press]
            if buttons:
                buttons[0].click().run()
        return {
            "exceptions": [e.message for e in at.exception],
            "infos": [i.value for i in at.info],
            "buttons": [b.key for b in at.button],
            "torch_loaded": "torch" in sys.modules,
        }

    pages = json.loads(sys.argv[1])
    print(json.dumps({name: run(*args) for name, args in pages.items()}))
    """
)

PAGES = {
    "home": ["streamlit_app.py", {}],
    "activations": ["pages/1_Activations.py", {"tab": "table"}, "act_torch_btn"],
    "neuron": ["pages/2_Neuron.py", {}],
    "mlp": ["pages/3_MLP.py", {}],
    "backprop": ["pages/4_Backprop.py", {}, "bp_torch"],
    "optimizers": ["pages/6_Optimizers.py", {"problem": "mlp"}, "opt_step10"],
}


def test_every_page_runs_without_torch_and_says_how_to_enable_it():
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(PAGES)],
        cwd=ROOT, capture_output=True, text=True, timeout=240, check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    for name, got in seen.items():
        assert got["exceptions"] == [], (name, got["exceptions"])
        assert not got["torch_loaded"], name
    note = tr("common.torch_missing", "en", what=tr("act.table.torch_what", "en"))
    assert note in seen["activations"]["infos"]
    assert "act_torch_btn" not in seen["activations"]["buttons"]  # nothing to press
    note = tr("common.torch_missing", "en", what=tr("bp.torch.what", "en"))
    assert note in seen["backprop"]["infos"] and "bp_torch" not in seen["backprop"]["buttons"]
