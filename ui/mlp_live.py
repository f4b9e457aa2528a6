"""The MLP page's live part: the user's training session, the buttons, and one frame.

The page keeps one :class:`nncore.playground.Playground` per user in
``st.session_state["mlp_pg"]`` (never shared: ``st.cache_*`` only holds pure data).
While playing, a fragment with ``run_every=INTERVAL`` trains for ``BUDGET`` seconds and
redraws only its own charts; the Play/Pause button sits outside it, so pausing reruns the
page once and the fragment comes back without ``run_every``: no work while paused.
"""

from __future__ import annotations

import time

import numpy as np
import streamlit as st

from nncore import data
from nncore import playground as pgm
from ui import boundary, charts, mlp_svg, mlp_view, state
from ui import mlp_state as ms
from ui.i18n import t

PG_KEY = "mlp_pg"
PLAYING_KEY = "mlp_playing"
FOCUS_KEY = "mlp_focus"
NOTE_KEY = "mlp_note"
INTERVAL = 0.2  # seconds between live frames (run_every)
BUDGET = 0.022  # seconds of training per frame; drawing takes the rest of the ~40 ms
GRID = 101  # boundary resolution; neuron maps use every 4th point (26 x 26)
MAP_STEP = 4
LOSS_POINTS = 300  # the loss chart shows at most this many epochs (evenly thinned)
FOCUS_PX = 320  # the large neuron map; the diagram and the boundary fill their columns
STATS_KEY = "mlp_frame_stats"  # server time of the last frame (bench/bench_mlp_page.py)


# ---------------------------------------------------------------- session


def session(config: pgm.Config) -> tuple[pgm.Playground, str]:
    """The user's playground, switched to ``config``: ("new"|"kept"|"restarted"|"regenerated")."""
    ss = st.session_state
    pg = ss.get(PG_KEY)
    if pg is None:
        pg = ss[PG_KEY] = pgm.Playground(config, make=ms.make_data)
        return pg, "new"
    return pg, pg.apply(config)


def on_play() -> None:
    """Play/Pause button."""
    ss = st.session_state
    ss[PLAYING_KEY] = not ss.get(PLAYING_KEY, False)


def on_step() -> None:
    """Step button: pause, then train exactly one epoch."""
    ss = st.session_state
    ss[PLAYING_KEY] = False
    if PG_KEY in ss:
        ss[PG_KEY].step()


def on_reset() -> None:
    """Reset button: pause and go back to the seeded initial weights."""
    ss = st.session_state
    ss[PLAYING_KEY] = False
    if PG_KEY in ss:
        ss[PG_KEY].reset()


def on_regenerate() -> None:
    """Regenerate button: the next seed (new sample, split and initial weights)."""
    ss = st.session_state
    ss.mlp_seed = (int(ss.mlp_seed) + 1) % 2**31


def on_problem() -> None:
    """Problem type switch: pick the first dataset of the other kind (as TFP does)."""
    ss = st.session_state
    want_regression = ss.mlp_problem == "regression"
    if (data.kind(ss.mlp_dataset) == "regression") != want_regression:
        ss.mlp_dataset = next(
            n for n in data.names() if (data.kind(n) == "regression") == want_regression
        )


def on_big() -> None:
    """Unlimited switch turned off: bring the layers back within TFP's limits."""
    ss = st.session_state
    if not ss.mlp_big:
        max_layers, max_units = pgm.LIMITS
        ss[ms.DEPTH_KEY] = min(int(ss[ms.DEPTH_KEY]), max_layers)
        for i in range(max_layers):
            key = ms.units_key(i)
            if key in ss:
                ss[key] = min(int(ss[key]), max_units)


# ---------------------------------------------------------------- labels


def _fmt(value: float | None, digits: int = 3) -> str:
    """A number for display; never 'nan' (a missing value shows as a dash)."""
    if value is None or not np.isfinite(value):
        return "–"
    return f"{value:.{digits}f}"


def node_names(pg: pgm.Playground) -> list[list[str]]:
    """Tooltip/select names of every unit, layer by layer."""
    sizes = pg.sizes()
    names = [[ms.feature_label(f) for f in pg.config.features]]
    for l in range(1, len(sizes) - 1):
        names.append([t("mlp.node.hidden", layer=l, unit=j + 1) for j in range(sizes[l])])
    if pg.kind == "multiclass":
        names.append([t("mlp.node.class", k=j) for j in range(sizes[-1])])
    else:
        names.append([t("mlp.node.output")])
    return names


def column_titles(pg: pgm.Playground) -> list[str]:
    sizes = pg.sizes()
    return ([t("mlp.col.input")] + [t("mlp.col.hidden", layer=l) for l in range(1, len(sizes) - 1)]
            + [t("mlp.col.output")])


def layer_labels(L: int) -> tuple[str, ...]:
    """Legend names of the L weight layers: W[1] .. W[L]."""
    return tuple(f"W[{l}]" for l in range(1, L + 1))


# ---------------------------------------------------------------- one frame


def train_frame(pg: pgm.Playground) -> None:
    """While playing: train for BUDGET seconds; a divergence pauses the whole page."""
    ss = st.session_state
    if not ss.get(PLAYING_KEY):
        return
    pg.frame(BUDGET)
    if pg.diverged:
        ss[PLAYING_KEY] = False
        st.rerun(scope="app")  # redraw the Play button and drop run_every


def draw(pg: pgm.Playground) -> None:
    """Everything that changes while training: numbers, diagram, curves, boundary."""
    ss = st.session_state
    m = pg.metrics()
    metric = "r2" if m["metric"] == "r2" else "acc"
    cols = st.columns(5)
    cols[0].metric(t("mlp.epoch"), f"{m['epoch']:,}")
    cols[1].metric(t("mlp.train_loss"), _fmt(m["train_loss"], 4))
    cols[2].metric(t("mlp.test_loss"), _fmt(m["test_loss"], 4))
    cols[3].metric(t(f"mlp.train_{metric}"), _fmt(m["train_metric"]))
    cols[4].metric(t(f"mlp.test_{metric}"), _fmt(m["test_metric"]))
    if pg.diverged:
        st.error(t("mlp.diverged", epoch=pg.diverged_epoch))
    note = ss.pop(NOTE_KEY, None)
    if note:
        st.caption(note)

    sizes = tuple(pg.sizes())
    names = node_names(pg)
    ids = [mlp_view.node_id(l, j) for l, n in enumerate(sizes) for j in range(n)]
    if ss.get(FOCUS_KEY) not in ids:
        ss[FOCUS_KEY] = ids[-1]
    focus_l, focus_j = (int(v) for v in ss[FOCUS_KEY].split("-"))
    view = pg.grid_view(GRID, MAP_STEP, focus=(focus_l, focus_j))
    out_range = pg.net.activation.output_range
    show_maps = sum(sizes) <= mlp_view.MAP_NODES and max(sizes) <= 16
    sprite = mlp_view.map_sprite(view.maps, out_range, pg.kind) if show_maps else None

    left, right = st.columns(2, gap="medium")
    with left:
        st.markdown(f"**{t('mlp.diagram')}**")
        svg = mlp_svg.diagram_svg(pg.net.W, sprite, column_titles(pg), names[0], ss[FOCUS_KEY])
        st.image(svg, width="stretch")
        st.caption(t("mlp.diagram_help"))
    with right:
        st.markdown(f"**{t('mlp.boundary')}**")
        png = boundary.boundary_png(view.V, pg.kind, bool(ss.mlp_discrete), pg.n_classes)
        st.image(_frame(pg, "mlp-boundary", bool(ss.mlp_test)).svg(png), width="stretch")
        c1, c2 = st.columns(2)
        c1.toggle(t("mlp.discretize"), key="mlp_discrete")
        c2.toggle(t("mlp.show_test"), key="mlp_test")
        st.caption(t(f"mlp.output.{pg.kind}"))

    left, right = st.columns(2, gap="medium")
    with left:
        flat = {mlp_view.node_id(l, j): names[l][j] for l, n in enumerate(sizes)
                for j in range(n)}
        st.selectbox(t("mlp.focus"), ids, format_func=flat.__getitem__, key=FOCUS_KEY)
        last = len(sizes) - 1
        focus_rgb = mlp_view.layer_rgb(
            view.focus[:, :, None], None if focus_l == 0 else out_range,
            pg.kind if focus_l == last else None, first_unit=focus_j,
        )
        focus_png = boundary.rgb_png(focus_rgb[:, :, 0])
        st.image(_frame(pg, "mlp-focus", False).svg(focus_png), width=FOCUS_PX)
    with right:
        hist = pg.history(LOSS_POINTS)
        series = (t("mlp.series.train"), t("mlp.series.test"))
        st.markdown(f"**{t('mlp.loss')}**")
        charts.show(mlp_view.loss_spec(series, t("mlp.epoch"), t("mlp.loss")),
                    mlp_view.loss_datasets(hist, series))
    _diagnostics(pg, hist)


def _frame(pg: pgm.Playground, svg_id: str, with_test: bool) -> mlp_svg.BoundaryFrame:
    """The axes and points of a boundary picture, rebuilt only when the data change."""
    ss = st.session_state
    key = (svg_id, pg.config.data_key(), with_test)
    cache = ss.setdefault("mlp_frames", {})
    if key not in cache:
        X_tr, y_tr, X_te, y_te = pg.points()
        points = [(X_tr, y_tr, "train")] + ([(X_te, y_te, "test")] if with_test else [])
        if len(cache) > 8:  # old data sets: keep the cache small
            cache.clear()
        cache[key] = mlp_svg.boundary_frame(points, pg.kind, pg.n_classes, svg_id=svg_id)
    return cache[key]


def _diagnostics(pg: pgm.Playground, hist: dict) -> None:
    st.markdown(f"**{t('mlp.diagnostics')}**")
    g, d = st.columns(2)
    L = pg.net.L
    with g:
        layers = layer_labels(L)
        charts.show(mlp_view.grad_spec(layers, t("mlp.epoch"), t("mlp.grad_norm")),
                    mlp_view.grad_datasets(hist, layers))
        st.caption(t("mlp.grad_help"))
    with d:
        if L > 1 and pg.config.activation == "relu":
            hidden = tuple(t("mlp.col.hidden", layer=l) for l in range(1, L))
            charts.show(mlp_view.dead_spec(hidden, t("mlp.epoch"), t("mlp.dead_share")),
                        mlp_view.dead_datasets(hist, hidden))
            st.caption(t("mlp.dead_help"))
        else:
            dead = hist["dead"][-1] if hist["dead"].size else np.zeros(0)
            share = float(dead.mean()) if dead.size else 0.0
            st.metric(t("mlp.dead_share"), f"{100 * share:.0f}%")
            st.caption(t("mlp.dead_none"))


def live(playing: bool) -> None:
    """The fragment: reruns every INTERVAL seconds while playing, never while paused."""

    @st.fragment(run_every=INTERVAL if playing else None)
    def _live() -> None:
        ss = st.session_state
        pg = ss[PG_KEY]
        t0 = time.perf_counter()
        epoch0 = pg.epoch
        train_frame(pg)
        t1 = time.perf_counter()
        draw(pg)
        state.write_params({s.param: ss[s.key] for s in ms.DISPLAY_SETTINGS})
        t2 = time.perf_counter()
        ss[STATS_KEY] = {"train_ms": 1e3 * (t1 - t0), "draw_ms": 1e3 * (t2 - t1),
                         "epochs": pg.epoch - epoch0}

    _live()
