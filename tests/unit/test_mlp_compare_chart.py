"""The compare section's loss chart (issue 31): a spec built once, its data both runs'
losses (the points of ``Playground.history``), with a hover reading them."""

from __future__ import annotations

import dataclasses

import numpy as np

from nncore.playground import Config, Playground
from ui.mlp import compare

SERIES = ("A training", "A test", "B training", "B test")


def test_the_data_are_both_runs_losses_in_series_order():
    a = Playground(Config(dataset="xor", layers=(4,), seed=2))
    b = Playground(dataclasses.replace(a.config, activation="relu"))
    for pg in (a, b):
        for _ in range(6):
            pg.step()
    table = compare.loss_ab_datasets(a, b, SERIES)[compare.CHART].to_pydict()
    for k, (pg, which) in enumerate([(a, "train"), (a, "test"), (b, "train"), (b, "test")]):
        h = pg.history(200)
        rows = [i for i, s in enumerate(table["series"]) if s == SERIES[k]]
        assert [table["epoch"][i] for i in rows] == list(map(float, h["epoch"]))
        assert np.allclose([table["loss"][i] for i in rows], h[f"{which}_loss"], atol=1e-5)


def test_the_spec_is_built_once_and_names_its_data():
    s1 = compare.loss_ab_spec(SERIES, "Epoch", "Loss", "alt text")
    s2 = compare.loss_ab_spec(SERIES, "Epoch", "Loss", "alt text")
    assert s1 is s2  # cached: each frame sends only the data
    assert f"'name': '{compare.CHART}'" in str(s1)
    assert "ab_hover" in str(s1) and "tooltip" in str(s1)
