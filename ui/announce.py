"""What a screen reader hears about the MLP page's training, and the boundary's words.

- :func:`status`: a polite live region (``role="status"``, ``aria-live="polite"``) in the
  fast frame: while playing it says the epoch and the losses at most every
  :data:`EVERY` seconds (a new sentence every frame would drown the reader), and at once
  when training pauses or diverges. The clock is the caller's (the page's injected one).
- :func:`boundary_alt`: the output picture's text alternative, from a coarse grid of the
  network's output (81 points: nothing measurable next to the picture's own 10,000).
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import streamlit as st

from nncore import data
from nncore import playground as pgm
from ui import a11y, describe, state
from ui.i18n import current_lang

#: seconds between two announcements while training
EVERY = 5.0
#: session key: (the sentence said last, the clock when it changed, its state)
LAST_KEY = "a11y_live_last"
#: the coarse grid the boundary's words are read from
ALT_GRID = 9


def status_text(pg: pgm.Playground, playing: bool, lang: str) -> tuple[str, str]:
    """(state, sentence) for the live region: state "running", "stopped" or "diverged"."""
    m = pg.metrics()
    if pg.diverged:
        return "diverged", describe.train_status(lang, int(pg.diverged_epoch or m["epoch"]),
                                                 m["train_loss"], m["test_loss"], "diverged",
                                                 pg.restored_epoch)
    state = "running" if playing else "stopped"
    return state, describe.train_status(lang, int(m["epoch"]), m["train_loss"],
                                        m["test_loss"], state)


def next_text(last: tuple[str, float, str] | None, state: str, text: str,
              now: float) -> tuple[str, float, str]:
    """What the region holds now: the new sentence if the state changed or :data:`EVERY`
    seconds passed since the last change, else the last one (unchanged: not re-read)."""
    if last is None or last[2] != state or (state == "running" and now - last[1] >= EVERY):
        return text, now, state
    if state != "running" and last[0] != text:  # paused, then stepped: say the new epoch
        return text, now, state
    return last


def status(pg: pgm.Playground, playing: bool, now: float) -> None:
    """Draw the live region (visually hidden) with the sentence :func:`next_text` picks."""
    ss = st.session_state
    state, text = status_text(pg, playing, current_lang())
    said = next_text(ss.get(LAST_KEY), state, text, now)
    ss[LAST_KEY] = said
    st.markdown(f'<div class="{a11y.SR_ONLY}" role="status" aria-live="polite">'
                f"{html.escape(said[0])}</div>", unsafe_allow_html=True)


def coarse_output(pg: pgm.Playground, n: int = ALT_GRID) -> np.ndarray:
    """The network's output on an n x n grid (row 0 = lowest x2): (n, n) or (n, n, k)."""
    _, _, G = data.grid(n)
    F = data.features(G, pg.config.features).astype(pg.net.params.dtype)
    with np.errstate(all="ignore"):
        A = np.asarray(pg.net.predict(F), dtype=np.float64)
    return A.reshape(n, n, -1) if pg.kind == "multiclass" else A[:, 0].reshape(n, n)


def boundary_alt(pg: pgm.Playground) -> str:
    """The output picture's text alternative in the session's language."""
    m = pg.metrics()
    n_test = len(pg.points()[3])
    wrong = int(round((1 - m["test_metric"]) * n_test)) if pg.kind != "regression" else 0
    return describe.boundary_text(current_lang(), coarse_output(pg), pg.kind, int(m["epoch"]),
                                  m["test_metric"], wrong, n_test, palette=state.palette())


def loss_alt(hist: dict) -> None:
    """The loss chart's text alternative (hidden text after the chart) and its numbers
    ("show as table")."""
    a11y.hidden_text(describe.loss_text(current_lang(), hist["epoch"], hist["train_loss"],
                                        hist["test_loss"]), "mlp-loss")
    a11y.data_table("mlp-loss", lambda: pd.DataFrame(
        {k: hist[k] for k in ("epoch", "train_loss", "test_loss")}))
