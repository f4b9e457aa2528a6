"""The MLP page's loss chart reads its points on hover (issue 31): a nearest-epoch
selection on the pointer and a tooltip with the epoch, the series and the loss."""

from __future__ import annotations

import json

from ui.mlp import view


def _walk(spec):
    yield spec
    for layer in spec.get("layer", []):
        yield from _walk(layer)


def test_the_loss_chart_has_a_hover_with_epoch_series_and_loss():
    spec = view.loss_spec(("training", "test"), "Epoch", "Loss", name="t-loss-hover")
    units = list(_walk(spec))
    params = [p for u in units for p in u.get("params", [])]
    hover = [p for p in params if p["name"] == "loss_hover"]
    assert len(hover) == 1
    select = hover[0]["select"]
    assert select["on"] == "pointerover" and select["nearest"] and select["fields"] == ["epoch"]
    tips = [u["encoding"]["tooltip"] for u in units if "tooltip" in u.get("encoding", {})]
    assert len(tips) == 1
    assert [(t["field"], t["title"]) for t in tips[0]] == [
        ("epoch", "Epoch"), ("series", " "), ("loss", "Loss")]
    # the hover dots read the same data as the lines (updated in place every frame)
    assert "t-loss-hover" in json.dumps(spec)
