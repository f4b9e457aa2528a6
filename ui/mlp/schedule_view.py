"""The training tools on the MLP page's live view (issue 32).

:func:`after_draw` is called by each live frame after its own drawing
(``ui.mlp.live.timed_frame``): the fast frame writes the rate of the next epoch under a
schedule, how many steps the clipping scaled, and why early stopping stopped (and then
pauses the page, as a divergence does); the slow frame draws the learning rate per epoch
under the loss chart while a schedule is on. With every tool off it draws nothing, so
the page is what it was before them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import streamlit as st

from nncore import playground as pgm
from ui import a11y, describe, numbers
from ui.i18n import current_lang, t
from ui.mlp.actions import PLAYING_KEY

RATE_CHART_KEY = "mlp_rate_chart"
RATE_POINTS = 300  # the rate chart shows at most this many recorded epochs


def rate_text(pg: pgm.Playground) -> str:
    """"Rate now: ..." of the next epoch under the schedule."""
    return t("mlp.lr_now", rate=numbers.plain(pg.lr_now, 4), epoch=f"{pg.epoch + 1:,}")


def clip_text(pg: pgm.Playground) -> str:
    """How many of the steps taken the clipping scaled."""
    tr = pg.trainer
    share = tr.clip_count / tr.step_count if tr.step_count else 0.0
    return t("mlp.clipped", count=f"{tr.clip_count:,}", steps=f"{tr.step_count:,}",
             share=f"{100 * share:.0f}")


def stop_text(pg: pgm.Playground) -> str | None:
    """Why early stopping stopped the run (None while it has not)."""
    info = pg.stop_info()
    if info is None:
        return None
    stopped, best, loss = info
    c = pg.config
    key = "mlp.stopped_restored" if c.restore_best and best is not None else "mlp.stopped"
    return t(key, epoch=f"{stopped:,}", patience=c.patience,
             delta=numbers.ladder(c.min_delta), best=f"{best or 0:,}",
             loss=numbers.plain(loss, 4))


def after_draw(which: str, pg: pgm.Playground, stop_training: Callable[[], None]) -> None:
    """What a live frame of fragment ``which`` ("fast" or "slow") adds for the training
    tools; ``stop_training`` takes the session out of the training thread (a stop pauses
    the page: Play goes on from there)."""
    if which == "fast":
        lines = []
        if pg.config.schedule != "none":
            lines.append(rate_text(pg))
        if pg.config.clip:
            lines.append(clip_text(pg))
        if lines:
            st.caption(" · ".join(lines))
        why = stop_text(pg)
        if why:
            st.info(why, icon=":material/front_hand:")
            ss = st.session_state
            if ss.get(PLAYING_KEY):
                stop_training()
                ss[PLAYING_KEY] = False
                st.rerun(scope="app")  # redraw the Play button and drop run_every
    elif pg.config.schedule != "none":
        draw_rates(pg)


def rate_data(pg: pgm.Playground, max_points: int = RATE_POINTS) -> dict[str, list]:
    """The recorded epochs and the rate each trained at (thinned), for the chart."""
    h = pg.history(max_points)
    keep = h["epoch"] > 0  # epoch 0 trained at no rate
    return {"epoch": h["epoch"][keep].tolist(), "lr": h["lr"][keep].tolist()}


def rate_spec(x_title: str, y_title: str, description: str) -> dict:
    """A small line chart of the learning rate per epoch (its data as ``rates``)."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": description,
        "height": 90,
        "data": {"name": "rates"},
        "mark": {"type": "line", "interpolate": "step-after"},
        "encoding": {
            "x": {"field": "epoch", "type": "quantitative", "title": x_title},
            "y": {"field": "lr", "type": "quantitative", "title": y_title},
        },
    }


def draw_rates(pg: pgm.Playground) -> None:
    """The learning rate per recorded epoch, under the loss chart."""
    d = rate_data(pg)
    rows = [{"epoch": e, "lr": float(np.float64(r))} for e, r in zip(d["epoch"], d["lr"])]
    st.vega_lite_chart({**rate_spec(t("mlp.epoch"), t("mlp.lr"), t("mlp.alt.rates")),
                        "datasets": {"rates": rows}}, width="stretch", key=RATE_CHART_KEY)
    a11y.hidden_text(describe.rates_text(current_lang(), d["epoch"], d["lr"]),
                     "mlp-rates")  # issue 30: what the chart shows now
