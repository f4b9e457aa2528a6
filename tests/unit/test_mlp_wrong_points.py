"""The misclassified test points ringed in the boundary picture (issue 31): which points
(a recount against the network's outputs) and the rings drawn where they are."""

from __future__ import annotations

import base64
import io

import numpy as np
from PIL import Image

from nncore.playground import Config, Playground
from ui.mlp import metrics_view, raster


def _image(url: str) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))))


def test_the_wrong_test_points_are_those_whose_side_of_0_5_is_not_their_label():
    pg = Playground(Config(dataset="xor", seed=1, layers=(2,)))
    for _ in range(5):
        pg.step()
    out = pg.net.predict(pg.trainer.X_test)[:, 0]
    recount = [i for i, (p, y) in enumerate(zip(out, pg.y_test, strict=True))
               if (p >= 0.5) != (y == 1)]
    assert recount  # a barely trained net gets some wrong
    assert np.array_equal(metrics_view.wrong_test_points(pg), pg.X_test[recount])


def test_no_wrong_points_for_regression():
    pg = Playground(Config(dataset="plane"))
    assert metrics_view.wrong_test_points(pg).shape == (0, 2)


def test_a_mark_is_a_red_ring_around_the_point_and_nothing_else_changes():
    frame = raster.plot([], side=120)
    white = np.full((31, 31, 3), 255, np.uint8)
    plain = _image(frame.picture(white)).astype(int)
    marked = _image(frame.picture(white, marks=np.array([[0.0, 0.0]]))).astype(int)
    cx, cy = (round(float(v)) for v in frame.to_px(0.0, 0.0))
    diff = np.abs(marked - plain).sum(axis=2) > 60
    rows, cols = np.nonzero(diff)
    r = np.hypot(cols - cx, rows - cy)
    assert len(r) and r.min() > 4 and r.max() < 9  # a ring of radius ~6.5 px, not a disc
    ring = marked[rows, cols]
    assert (ring[:, 0] > ring[:, 1] + 60).mean() > 0.8  # red
