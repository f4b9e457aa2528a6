"""Compare two networks (issue 31): B trains on A's data and split with its own settings,
epoch for epoch with A; two boundaries side by side, one loss chart with both runs' curves
and a line naming what differs.

B is a second :class:`nncore.playground.Playground` in ``st.session_state`` (``mlp_pg_b``,
with its own timeline and lock). Lockstep: while A plays in the process's training thread
(``ui.class_train``), B is a member of it too, and this section's frame, holding both
locks, records what the thread trained and brings the one a slice behind up to the other
(:func:`align`), then copies both (so both pictures are of one epoch); otherwise B is
trained up to A in the frame. A comparing student costs the server about twice a single
run's training, but not their frames' time: with B's epochs trained in the frame, A's
boundary redraws fell to 37-63% of a single run's (``bench/bench_compare.py``). The frame
stays cheap otherwise: it runs every 0.72 s (four fast frames), the loss chart's spec is
built once and only its data is sent (the browser's main thread is the busiest part of a
loaded machine), and ``PICTURE_EVERY`` can thin the small boundaries further. While the past is
shown (the timeline), B is shown at that epoch too.
"""

from __future__ import annotations

import copy
import threading

import altair as alt
import numpy as np
import pyarrow as pa
import streamlit as st

from nncore import data
from nncore import playground as pgm
from nncore.timeline import Timeline
from ui import a11y, announce, boundary, charts, describe, numbers, state
from ui.i18n import current_lang, labeller, t, tr
from ui.mlp import explore, explore_settings, live, raster, view
from ui.mlp.actions import PG_KEY, PLAYING_KEY, lock
from ui.mlp.explore_settings import COMPARE_KEY

PG_B_KEY = "mlp_pg_b"
B_LOCK_KEY = "mlp_b_lock"  # B's training lock (B is a member of the training thread)
TIMELINE_B_KEY = "mlp_timeline_b"
LAYERS_TEXT_KEY = "mlpx_b_layers_text"
INTERVAL = 0.72  # seconds between compare frames while playing (4 of the fast one)
GRID = 61  # the two small boundaries' grid
BOX_KEY = "mlp_compare_box"
CHART = "mlp-loss-ab"  # the loss chart's dataset name
PICTURES_KEY = "mlp_compare_pictures"  # (key, frames since drawn, (A's, B's picture))
PICTURE_EVERY = 1  # while playing, the small boundaries are drawn every this many frames
SERIES_COLOURS = ("#1f3b73", "#e8743b", "#2e8b57", "#b0489a")  # A train, test; B (dashed)


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


def catch_up(epoch: int, b: pgm.Playground) -> None:
    """B to A's ``epoch`` (lockstep): trained on when behind, back to its start when ahead
    (A was reset or went back), kept in B's timeline."""
    ss = st.session_state
    tl = ss.setdefault(TIMELINE_B_KEY, Timeline())
    if b.epoch > epoch:  # back to its latest kept epoch up to A's, else to its start
        back = [e for e in tl.reachable(b.trainer) if e <= epoch] if tl.follows(b.trainer) \
            else []
        if back:
            tl.train_on_from(b.trainer, back[-1])
        else:
            b.reset()
    tl.note(b.trainer)
    while b.epoch < epoch and not b.diverged and not b.stopped:
        step = epoch - b.epoch if b.epoch >= tl.dense else min(epoch, tl.dense) - b.epoch
        b.frame(float("inf"), max_epochs=max(1, step))
        tl.note(b.trainer)


def _b_lock() -> threading.Lock:
    """B's own training lock (the thread takes a member's lock without waiting; A's and
    B's in one group step must be two locks)."""
    return st.session_state.setdefault(B_LOCK_KEY, threading.Lock())


def align(a: pgm.Playground, b: pgm.Playground, playing: bool) -> None:
    """A and B at one epoch (the caller holds both locks). While A plays in the
    process's training thread (``ui.class_train``), B is a member of it too (named
    ``<session>/B``): the thread trains both, in one group step when their shapes allow
    (``nncore.cohort``), so B costs this session's frames nothing; here both record what
    the thread trained, and the one a slice behind is trained up to the other (a few
    epochs). Otherwise (paused, or A trained in its frames) B leaves the thread and is
    trained up to A here."""
    ct, sid = live.class_trainer(), live.session_id()
    sid_b = sid + "/B"
    if playing and ct.has(sid):
        b.after_epochs(ct.take(sid_b))
        a.after_epochs(ct.take(sid))  # as A's own frame would (it then records nothing)
        if b.epoch > a.epoch and not (a.diverged or a.stopped):
            a.frame(float("inf"), max_epochs=b.epoch - a.epoch)
            explore.note(a)
        ct.play(sid_b, b, _b_lock())
    else:
        b.after_epochs(ct.stop(sid_b))
    catch_up(a.epoch, b)


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
        live.class_trainer().stop(live.session_id() + "/B")  # B trained no more
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
    cols[1].selectbox(t("mlpx.b_act"), pgm.ACTIVATIONS, key=state.choice("mlp_b_act"),
                      format_func=labeller("mlp.act", lang),
                      on_change=explore_settings.to_url)
    cols[2].selectbox(t("mlpx.b_opt"), pgm.OPTIMISERS, key=state.choice("mlp_b_opt"),
                      format_func=labeller("mlp.opt", lang), on_change=explore_settings.to_url)
    cols[3].select_slider(t("mlpx.b_lr"), options=pgm.LEARNING_RATES, key="mlp_b_lr",
                          format_func=numbers.ladder, on_change=explore_settings.to_url)
    cols = st.columns([1, 1, 2])
    cols[0].selectbox(t("mlpx.b_reg"), pgm.REGULARISATIONS, key=state.choice("mlp_b_reg"),
                      format_func=labeller("mlp.reg", lang), on_change=explore_settings.to_url)
    cols[1].select_slider(t("mlpx.b_reg_rate"), options=pgm.REG_RATES, key="mlp_b_reg_rate",
                          format_func=numbers.ladder, disabled=ss.mlp_b_reg == "none",
                          on_change=explore_settings.to_url)
    cols[2].pills(t("mlpx.b_features"), data.FEATURES, selection_mode="multi",
                  key=state.choice("mlp_b_features"), format_func=view.feature_label,
                  on_change=explore_settings.to_url)


# ---------------------------------------------------------------- the live section


def compare_alt(pg: pgm.Playground, name: str) -> str:
    """A compared boundary in words after its ``name``, from a coarse grid of its output."""
    m = pg.metrics()
    return describe.compare_text(current_lang(), name, announce.coarse_output(pg), pg.kind,
                                 int(m["epoch"]), m["test_metric"], state.palette())


def _picture(pg: pgm.Playground) -> str:
    V = pg.grid_view(GRID, maps=False).V
    colours = state.palette()  # issue 30: the session's class colours
    rgb = boundary.boundary_rgb(V, pg.kind, False, pg.n_classes, colours)
    cache = st.session_state.setdefault("mlp_compare_plots", {})
    key = (pg.data_key(), colours)
    if key not in cache:
        cache.clear()
        X_tr, y_tr, _, _ = pg.points()
        cache[key] = raster.plot([(X_tr, y_tr, "train")], pg.kind, pg.n_classes, side=240,
                                 palette=colours)
    return cache[key].picture(rgb)


def _series() -> tuple[str, ...]:
    return tuple(f"{name} {t('mlp.series.' + which)}" for name in ("A", "B")
                 for which in ("train", "test"))


@charts.spec_builder
def loss_ab_spec(series: tuple[str, ...], x_title: str, y_title: str, description: str,
                 name: str = CHART, height: int = 220) -> alt.LayerChart:
    """Both runs' losses against the epoch (A solid, B dashed), hover reading the epoch,
    the series and the loss. Built once per language: each frame sends only the data
    (``loss_ab_datasets``), which the browser swaps in place; a new spec every frame cost
    ~0.1 s of server time to build and a full redraw in the browser."""
    hover = alt.selection_point(name="ab_hover", on="pointerover", clear="pointerout",
                                nearest=True, fields=["epoch"], empty=False)
    base = alt.Chart(charts.named(name)).encode(
        x=alt.X("epoch:Q", title=x_title, axis=alt.Axis(format="~s"),  # 0..1 at epoch 0
                scale=alt.Scale(domain=alt.DomainUnionWith(unionWith=[0, 1]), nice=False)),
        y=alt.Y("loss:Q", title=y_title, scale=alt.Scale(zero=True)),
        color=alt.Color("series:N", legend=alt.Legend(title=None, orient="top"),
                        scale=charts.fixed_colours(series, SERIES_COLOURS)),
        strokeDash=alt.StrokeDash("series:N", legend=alt.Legend(title=None, orient="top"),
                                  scale=alt.Scale(
            domain=list(series), range=[[1, 0], [1, 0], [5, 3], [5, 3]])))
    lines = base.mark_line(strokeWidth=2, clip=True)
    dots = base.mark_circle(size=50, clip=True).encode(
        opacity=alt.condition(hover, alt.value(1), alt.value(0)),
        tooltip=[alt.Tooltip("epoch:Q", title=x_title, format=","),
                 alt.Tooltip("series:N", title=" "),
                 alt.Tooltip("loss:Q", title=y_title, format=".4f")],
    ).add_params(hover)
    return alt.layer(lines, dots).properties(height=height, description=description)


def loss_ab_datasets(a: pgm.Playground, b: pgm.Playground, series: tuple[str, ...],
                     name: str = CHART, points: int = 200) -> dict[str, pa.Table]:
    """The chart's data (epoch, loss, series) as one Arrow table: A's train and test
    loss, then B's (``series`` in that order)."""
    epochs, losses, codes = [], [], []
    k = 0
    for pg in (a, b):
        h = pg.history(points)
        for which in ("train", "test"):
            e = np.asarray(h["epoch"], np.float64)
            v = np.round(np.asarray(h[f"{which}_loss"], np.float64), 5)
            keep = np.isfinite(v)
            epochs.append(e[keep])
            losses.append(v[keep])
            codes.append(np.full(int(keep.sum()), k, np.int8))
            k += 1
    code = np.concatenate(codes)
    labels = pa.DictionaryArray.from_arrays(pa.array(code), pa.array(list(series)))
    return {name: pa.table({"epoch": np.concatenate(epochs), "loss": np.concatenate(losses),
                            "series": labels})}


def _pictures(a: pgm.Playground, b: pgm.Playground, playing: bool) -> tuple[str, str]:
    """A's and B's small boundaries: while playing drawn anew every other compare frame
    (the others re-send the last pair: the browser keeps a picture whose URL is the same),
    paused always."""
    ss = st.session_state
    last = ss.get(PICTURES_KEY)
    key = (a.data_key(), b.data_key(), tuple(a.sizes()), tuple(b.sizes()), state.palette())
    if playing and last is not None and last[0] == key and last[1] % PICTURE_EVERY:
        ss[PICTURES_KEY] = (key, last[1] + 1, last[2])
        return last[2]
    pair = (_picture(a), _picture(b))
    ss[PICTURES_KEY] = (key, 1, pair)
    return pair


def _draw(a: pgm.Playground) -> None:
    ss = st.session_state
    playing = bool(ss.get(PLAYING_KEY))
    # under both locks: the training thread steps neither while they are brought to one
    # epoch (lockstep) and copied, so both pictures are of one epoch
    with lock(), _b_lock():
        b = playground_b(a)
        epoch = explore.shown_epoch(a)
        if playing or epoch is None:
            align(a, b, playing)
        a_view = live.still(a) if playing else explore.shown(a)
        b_view = live.still(b) if playing else b_shown(b, epoch)
    st.markdown(f"**{differences(a.config, b.config)}**")
    left, right, chart = st.columns([1, 1, 1.6], gap="medium")
    pictures = _pictures(a_view, b_view, playing)
    left.image(pictures[0], caption=t("mlpx.boundary_a"), width="stretch",
               alt=t("mlpx.boundary_a"))
    right.image(pictures[1], caption=t("mlpx.boundary_b"), width="stretch",
                alt=t("mlpx.boundary_b"))
    for column, pg, name, cid in ((left, a_view, "mlpx.boundary_a", "mlp-compare-a"),
                                  (right, b_view, "mlpx.boundary_b", "mlp-compare-b")):
        with column:  # issue 30: what each picture shows now (its alt is its name)
            a11y.hidden_text(compare_alt(pg, t(name)), cid)
    with chart:
        st.markdown(f"**{t('mlpx.loss_ab')}**")
        series = _series()
        spec = loss_ab_spec(series, t("mlp.epoch"), t("mlp.loss"), t("mlpx.alt.ab"))
        datasets = loss_ab_datasets(a_view, b_view, series)
        st.vega_lite_chart({**spec, "datasets": datasets}, width="stretch")
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
