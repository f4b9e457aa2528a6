"""Compare two networks (issue 31): B trains on A's data and split with its own settings,
epoch for epoch with A; two boundaries side by side, one loss chart with both runs' curves
and a line naming what differs.

B is a second :class:`nncore.playground.Playground` in ``st.session_state`` (``mlp_pg_b``,
with its own timeline). Lockstep: whoever trains A (the process's training thread, or the
frame), this section's frame brings B to A's epoch before drawing (under the session's
lock, so both pictures are of one epoch): B's epochs are trained in the frame, so a
comparing student costs the server about twice a single run's training. While the past is
shown (the timeline), B is shown at that epoch too.
"""

from __future__ import annotations

import copy

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from nncore import data
from nncore import playground as pgm
from nncore.timeline import Timeline
from ui import boundary, numbers
from ui.i18n import current_lang, labeller, t, tr
from ui.mlp import explore, explore_settings, raster, view
from ui.mlp.actions import PG_KEY, PLAYING_KEY, lock
from ui.mlp.explore_settings import COMPARE_KEY

PG_B_KEY = "mlp_pg_b"
TIMELINE_B_KEY = "mlp_timeline_b"
LAYERS_TEXT_KEY = "mlpx_b_layers_text"
INTERVAL = 0.36  # seconds between compare frames while playing
GRID = 61  # the two small boundaries' grid
BOX_KEY = "mlp_compare_box"


def on() -> bool:
    return bool(st.session_state.get(COMPARE_KEY))


def differences(a: pgm.Config, b: pgm.Config, lang: str | None = None) -> str:
    """The line naming what B changes: "B: ReLU instead of tanh; 2 hidden layers (8,8)
    instead of 1 hidden layers (4)" (or that B has A's settings)."""
    lang = lang or current_lang()
    items = []

    def item(b_text: str, a_text: str) -> None:
        items.append(tr("mlpx.diff.item", lang, b=b_text, a=a_text))

    if a.activation != b.activation:
        item(tr(f"mlp.act.{b.activation}", lang), tr(f"mlp.act.{a.activation}", lang))
    if a.layers != b.layers:
        def layers(c):
            return tr("mlpx.diff.layers", lang, n=len(c.layers),
                      widths=",".join(map(str, c.layers)) or "-")
        item(layers(b), layers(a))
    if a.optimizer != b.optimizer:
        item(tr(f"mlp.opt.{b.optimizer}", lang), tr(f"mlp.opt.{a.optimizer}", lang))
    if not np.isclose(a.lr, b.lr):
        item(tr("mlpx.diff.lr", lang, v=numbers.ladder(b.lr)),
             tr("mlpx.diff.lr", lang, v=numbers.ladder(a.lr)))
    if a.reg != b.reg:
        item(tr(f"mlp.reg.{b.reg}", lang), tr(f"mlp.reg.{a.reg}", lang))
    if b.reg != "none" and not np.isclose(a.reg_rate, b.reg_rate):
        item(tr("mlpx.diff.reg_rate", lang, v=numbers.ladder(b.reg_rate)),
             tr("mlpx.diff.reg_rate", lang, v=numbers.ladder(a.reg_rate)))
    if tuple(a.features) != tuple(b.features):
        item(tr("mlpx.diff.features", lang, v=", ".join(b.features)),
             tr("mlpx.diff.features", lang, v=", ".join(a.features)))
    if not items:
        return tr("mlpx.same", lang)
    return tr("mlpx.differs", lang, items=tr("mlpx.sep", lang).join(items))


def playground_b(a: pgm.Playground) -> pgm.Playground:
    """B for A (made, switched to B's settings, or new when A's data changed)."""
    ss = st.session_state
    config = explore_settings.config_b(a.config)
    b = ss.get(PG_B_KEY)
    if b is None or b.data_key() != a.data_key():
        b = ss[PG_B_KEY] = pgm.Playground(config, make=view.make_data, given=a.given,
                                          added=a.added)
    elif b.config != config:
        b.apply(config)
    return b


def catch_up(a: pgm.Playground, b: pgm.Playground) -> None:
    """B to A's epoch (lockstep): trained on when behind, back to its start when ahead
    (A was reset or went back), kept in B's timeline."""
    ss = st.session_state
    tl = ss.setdefault(TIMELINE_B_KEY, Timeline())
    if b.epoch > a.epoch:
        b.reset()
    tl.note(b.trainer)
    while b.epoch < a.epoch and not b.diverged and not b.stopped:
        step = a.epoch - b.epoch if b.epoch >= tl.dense else min(a.epoch, tl.dense) - b.epoch
        b.frame(float("inf"), max_epochs=max(1, step))
        tl.note(b.trainer)


def b_shown(b: pgm.Playground, epoch: int | None) -> pgm.Playground:
    """B at the epoch the timeline shows (None: the present)."""
    tl = st.session_state.get(TIMELINE_B_KEY)
    if epoch is None or tl is None or epoch not in tl.reachable(b.trainer):
        return b
    trainer = tl.view(b.trainer, epoch)
    other = copy.copy(b)
    other.trainer, other.net = trainer, trainer.net
    return other


# ---------------------------------------------------------------- controls


def on_toggle() -> None:
    ss = st.session_state
    a = ss.get(PG_KEY)
    if ss.get(COMPARE_KEY) and a is not None:
        explore_settings.copy_a_to_b(a.config)
        ss[LAYERS_TEXT_KEY] = ",".join(map(str, a.config.layers))
    if not ss.get(COMPARE_KEY):
        ss.pop(PG_B_KEY, None)
        ss.pop(TIMELINE_B_KEY, None)
    explore_settings.to_url()


def on_layers_text() -> None:
    """B's hidden layers typed as widths ("8,8"; empty: none), within TFP's limits."""
    ss = st.session_state
    text = str(ss.get(LAYERS_TEXT_KEY, "")).replace(" ", "")
    try:
        widths = tuple(int(v) for v in text.split(",") if v)
    except ValueError:
        widths = None
    layers, units = pgm.LIMITS
    if widths is not None and len(widths) <= layers and all(1 <= u <= units for u in widths):
        ss["mlp_b_layers"] = widths
    explore_settings.to_url()


def controls(a: pgm.Playground) -> None:
    """The Compare switch and B's own settings (in the exploring panel)."""
    ss, lang = st.session_state, current_lang()
    st.toggle(t("mlpx.compare"), key=COMPARE_KEY, on_change=on_toggle,
              help=t("mlpx.compare_help"))
    if not on():
        return
    ss.setdefault(LAYERS_TEXT_KEY, ",".join(map(str, ss["mlp_b_layers"])))
    cols = st.columns(4)
    cols[0].text_input(t("mlpx.b_layers"), key=LAYERS_TEXT_KEY, on_change=on_layers_text)
    cols[1].selectbox(t("mlpx.b_act"), pgm.ACTIVATIONS, key="mlp_b_act",
                      format_func=labeller("mlp.act", lang),
                      on_change=explore_settings.to_url)
    cols[2].selectbox(t("mlpx.b_opt"), pgm.OPTIMISERS, key="mlp_b_opt",
                      format_func=labeller("mlp.opt", lang), on_change=explore_settings.to_url)
    cols[3].select_slider(t("mlpx.b_lr"), options=pgm.LEARNING_RATES, key="mlp_b_lr",
                          format_func=numbers.ladder, on_change=explore_settings.to_url)
    cols = st.columns([1, 1, 2])
    cols[0].selectbox(t("mlpx.b_reg"), pgm.REGULARISATIONS, key="mlp_b_reg",
                      format_func=labeller("mlp.reg", lang), on_change=explore_settings.to_url)
    cols[1].select_slider(t("mlpx.b_reg_rate"), options=pgm.REG_RATES, key="mlp_b_reg_rate",
                          format_func=numbers.ladder, disabled=ss.mlp_b_reg == "none",
                          on_change=explore_settings.to_url)
    cols[2].pills(t("mlpx.b_features"), data.FEATURES, selection_mode="multi",
                  key="mlp_b_features", format_func=view.feature_label,
                  on_change=explore_settings.to_url)


# ---------------------------------------------------------------- the live section


def _picture(pg: pgm.Playground) -> str:
    V = pg.grid_view(GRID, maps=False).V
    rgb = boundary.boundary_rgb(V, pg.kind, False, pg.n_classes)
    cache = st.session_state.setdefault("mlp_compare_plots", {})
    key = pg.data_key()
    if key not in cache:
        cache.clear()
        X_tr, y_tr, _, _ = pg.points()
        cache[key] = raster.plot([(X_tr, y_tr, "train")], pg.kind, pg.n_classes, side=240)
    return cache[key].picture(rgb)


def loss_frame(a: pgm.Playground, b: pgm.Playground, points: int = 200) -> pd.DataFrame:
    """Both runs' train and test loss, long format (epoch, loss, series)."""
    parts = []
    for name, pg in (("A", a), ("B", b)):
        h = pg.history(points)
        for which in ("train", "test"):
            parts.append(pd.DataFrame({"epoch": h["epoch"], "loss": h[f"{which}_loss"],
                                       "series": f"{name} {t('mlp.series.' + which)}"}))
    df = pd.concat(parts, ignore_index=True)
    return df[np.isfinite(df["loss"])]


def _loss_chart(df: pd.DataFrame) -> alt.Chart:
    hover = alt.selection_point(on="pointerover", nearest=True, fields=["epoch"],
                                empty=False)
    base = alt.Chart(df).encode(
        x=alt.X("epoch:Q", title=t("mlp.epoch")),
        y=alt.Y("loss:Q", title=t("mlp.loss"), scale=alt.Scale(zero=True)),
        color=alt.Color("series:N", legend=alt.Legend(title=None, orient="top")),
        strokeDash=alt.StrokeDash("series:N", legend=None))
    lines = base.mark_line(strokeWidth=2)
    dots = base.mark_circle(size=50).encode(
        opacity=alt.condition(hover, alt.value(1), alt.value(0)),
        tooltip=[alt.Tooltip("epoch:Q", title=t("mlp.epoch")), "series:N",
                 alt.Tooltip("loss:Q", title=t("mlp.loss"), format=".4f")],
    ).add_params(hover)
    return alt.layer(lines, dots).properties(height=220, description=t("mlpx.alt.ab"))


def _draw(a: pgm.Playground) -> None:
    ss = st.session_state
    playing = bool(ss.get(PLAYING_KEY))
    with lock():
        b = playground_b(a)
        if playing or explore.shown_epoch(a) is None:
            catch_up(a, b)
        epoch = explore.shown_epoch(a)
        a_view, b_view = explore.shown(a), b_shown(b, epoch)
    st.markdown(f"**{differences(a.config, b.config)}**")
    left, right, chart = st.columns([1, 1, 1.6], gap="medium")
    left.image(_picture(a_view), caption=t("mlpx.boundary_a"), width="stretch",
               alt=t("mlpx.boundary_a"))
    right.image(_picture(b_view), caption=t("mlpx.boundary_b"), width="stretch",
                alt=t("mlpx.boundary_b"))
    with chart:
        st.markdown(f"**{t('mlpx.loss_ab')}**")
        st.altair_chart(_loss_chart(loss_frame(a_view, b_view)), width="stretch")
        ma, mb = a_view.metrics(), b_view.metrics()
        st.caption(t("mlpx.figures", epoch=ma["epoch"], a=numbers.plain(ma["test_loss"], 4),
                     b=numbers.plain(mb["test_loss"], 4)))


def section(a: pgm.Playground, playing: bool) -> None:
    """B's boundary beside A's and both losses, redrawn every INTERVAL while playing."""
    if not on():
        return

    @st.fragment(run_every=INTERVAL if playing else None)
    def _compare() -> None:
        with st.container(key=BOX_KEY):
            _draw(st.session_state[PG_KEY])

    _compare()
