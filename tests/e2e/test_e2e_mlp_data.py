"""The MLP page in Chromium (issue 15): upload a CSV through the real file input, train a
few epochs with Step, download the PyTorch script (made on click) and run its --check."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from bench.harness import mark
from ui.i18n import tr


def test_upload_train_and_download_the_script(
    page, streamlit_server, wait_ready, assert_no_exception, tmp_path
):
    pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    X = rng.uniform(-10, 30, (80, 2))
    rows = "".join(f"{a:.3f},{b:.3f},{int(a + b > 20)}\n" for a, b in X)
    csv = tmp_path / "mine.csv"
    csv.write_text("x1,x2,label\n" + rows)
    page.goto(f"{streamlit_server}/MLP?lang=en")
    wait_ready(page)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(str(csv))
    page.get_by_role("button", name=tr("mlp.upload.use", "en")).click(timeout=60_000)
    page.get_by_text("Training on your data").wait_for(timeout=60_000)
    wait_ready(page)
    for _ in range(3):  # each click once the last one's run is over (none is lost)
        since = mark(page)
        page.get_by_role("button", name=tr("mlp.step", "en")).click()
        wait_ready(page, since=since)
    page.get_by_text(tr("mlp.export.title", "en")).click()
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name=tr("mlp.export.script", "en")).click()
    path = tmp_path / "exported.py"
    info.value.save_as(path)
    text = path.read_text()
    assert "after epoch 3" in text and "to_plane" in text
    r = subprocess.run([sys.executable, str(path), "--check"], capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0 and "PASS" in r.stdout, (r.stdout[-2000:], r.stderr[-2000:])
    assert_no_exception(page)
