"""The MLP page's live part: the frames that draw while playing.

The user's training session and the buttons are ``ui.mlp.actions``. :func:`live` draws
two fragments, each entirely inside its own container (both inside the page's fragment of
controls: a widget change reruns them, not the page's frame). While playing, the fast
one (``run_every``: INTERVAL, longer with more students on the process, ``fast_level``)
redraws the output picture and the numbers, the slow one (SLOW_INTERVAL, ``slow_level``)
the diagram, the large neuron map, the loss and the diagnostics; each frame then waits
until its messages are sent (``ui.delivery``). The Play/Pause button sits outside them,
and pressing it reruns the whole page once (``ui.mlp.actions.playing``): the fragments
come back without ``run_every``, no work while paused.

Training is not the frames' (issue 28): a session that plays on its own is a member of
the process's training thread (``ui.class_train``, :func:`class_trainer`), which trains
every such session fairly, same-shape networks in one step; a frame registers it and
draws under the session's lock. A class on one link (issue 12) follows one shared run
(``ui.run_share``): there a frame moves the session along the run's checkpoints, trained
once by whoever is at its front. A page run that a click started (every run that draws
:func:`live`) outranks the frames: while it is in progress, other sessions' frames wait
and the training thread pauses (``FrameShare.click_begins``).
"""

from __future__ import annotations

import contextlib
import copy
import math
import uuid
from typing import Any

import numpy as np
import streamlit as st

import ui.mlp.explore as explore  # issue 31: the timeline and the epoch shown
import ui.mlp.metrics_view as metrics_view  # issue 31: the misclassified test points
from nncore import data
from nncore import playground as pgm
from ui import a11y, announce, boundary, delivery, describe, numbers, state
from ui.class_train import ClassTrainer
from ui.frame_share import FrameShare
from ui.i18n import current_lang, t
from ui.mlp import raster, schedule_view, settings, svg, view
from ui.mlp.actions import NOTE_KEY, PG_KEY, PLAYING_KEY, lock
from ui.run_share import RunShare
from ui.state import palette  # issue 30: the class colours of the session

FOCUS_KEY = "mlp_focus"
INTERVAL = 0.18  # seconds between live frames (run_every) on a quiet process
FAST_FULL_UP_TO = 8  # students on a process before the output picture is redrawn less often
FAST_LEVELS = 4  # fast intervals 0.18, 0.36, 0.72, 1.44 s up to 8, 16, 32, more students
FAST_LEVEL_KEY = "mlp_fast_level"  # the fast level the fragments were declared with
CLICK_RUN_KEY = "mlp_click_run"  # True while a run that draws live() (a click's) is on
ALONE_AFTER = 2.0  # seconds alone on a shared run before a session trains in the thread
SLOW_INTERVAL = 0.5  # seconds between redraws of the diagram, large map, loss and diagnostics
FRAME_BUDGET = 0.036  # seconds of server work per live frame (issue 5: <= 40 ms)
SHARE_ID_KEY = "mlp_share_id"  # this session's name in the server-wide FrameShare
SLOW_KEY = "mlp_slow_pictures"  # (key, time, (diagram, focus map)) of the last slow frame
SLOW_FULL_UP_TO = 4  # students playing on a process before the diagram is redrawn less often
SLOW_LEVELS = 5  # slow intervals 0.5, 1, 2, 4, 8 s up to 4, 8, 16, 32, more students on a process
SLOW_LEVEL_KEY = "mlp_slow_level"  # the slow level the fragments were declared with
RELEVEL_KEY = "mlp_declared_at"  # when the live fragments were last declared (a full run)
RELEVEL_AFTER = 10.0  # seconds after that before a new level may rerun the page
GRID = 101  # boundary resolution; neuron maps use every 4th point (26 x 26)
GRID_MACS = 6e7  # multiply-adds allowed for one pass over the grid (big nets get a coarser one)
MAP_STEP = 4
LOSS_POINTS = 300  # the loss chart shows at most this many epochs (evenly thinned)
FOCUS_PX = 320  # the large neuron map; the diagram and the boundary fill their columns
FLUSH_WAIT = 1.0  # at most this long a live frame waits for its picture to be sent (no CPU)
HANDOFF_WAIT = 0.05  # at most this long a page run waits for the picture (see live)
SLOW_BOX_KEY = "mlp_slow_box"  # the slow fragment's pictures and charts
FIGURES_KEY = "mlp_figures"  # the epoch, loss and accuracy numbers
STATS_KEY = "mlp_frame_stats"  # {"fast"|"slow": server times of the last frame} (bench)
RUN_KEY = "mlp_shared_run"  # (run id, checkpoint, credit) of the shared run followed


# ---------------------------------------------------------------- labels


def node_names(pg: pgm.Playground) -> list[list[str]]:
    """Tooltip/select names of every unit, layer by layer."""
    sizes = pg.sizes()
    names = [[view.feature_label(f) for f in pg.config.features]]
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


@st.cache_resource(show_spinner=False)
def frame_share() -> FrameShare:
    """The process's one :class:`ui.frame_share.FrameShare` (no user data in it: only
    when each playing session last asked for a frame). Its ``clock`` is this module's
    one source of time (:func:`now`)."""
    return FrameShare()


@st.cache_resource(show_spinner=False)
def run_share() -> RunShare:
    """The process's one :class:`ui.run_share.RunShare`: runs that every session playing
    the same configuration on generated data follows (a class on one link trains once).
    Its credit is counted on the process's clock (:func:`now`)."""
    return RunShare(clock=frame_share().clock,
                    make=lambda config: pgm.Playground(config, make=view.make_data))


@st.cache_resource(show_spinner=False)
def class_trainer() -> ClassTrainer:
    """The process's one :class:`ui.class_train.ClassTrainer`: the thread that trains
    every session playing on its own, fairly, while its frames only draw. It yields to
    clicks (``FrameShare.clicking``) and splits the training share with the shared runs
    (``FrameShare.trainers``)."""
    share = frame_share()
    return ClassTrainer(clock=share.clock, yield_to=share.clicking, trainers=share.trainers)


def now() -> float:
    """Seconds on the process's clock (``frame_share().clock``: ``time.perf_counter``,
    a fake one in tests). Every time this module schedules by (the frame's budget, the
    slow pictures' age, when the fragments were declared) is read here."""
    return frame_share().clock()


def train_budget(which: str, group: object = None) -> tuple[float, float]:
    """Seconds of training for this frame of fragment ``which`` ("fast" or "slow"):
    (this session's fair share of the server's training time, and what it may train
    now). ``group``: the shared run the session follows, if any.

    A session of its own trains its share cut to what its last drawing left of
    FRAME_BUDGET (a busy machine draws slower, so a frame trains less); a session at
    the front of a shared run trains for everyone following it, within the ceiling.
    """
    ss = st.session_state
    share = frame_share()
    fair = share.share(session_id(), group)
    budget = min(share.ceiling, max(share.floor, fair))
    if group is None:
        last = ss.get(STATS_KEY, {}).get(which)
        draw = last["draw_ms"] / 1e3 if last else 0.015
        budget = min(budget, max(share.floor, FRAME_BUDGET - draw))
    return fair, budget


def train(pg: pgm.Playground, which: str) -> None:
    """One frame's training: along the shared run this session is on (it moves on by
    its fair share, trained by whoever is at the run's front); else, and once it has
    been alone on its run for ALONE_AFTER seconds (a student on a seed or settings of
    their own), the session is (or stays) a member of the process's training thread,
    which trains it between frames."""
    ss = st.session_state
    sid, trainer = session_id(), class_trainer()
    if not trainer.has(sid):
        marker = ss.get(RUN_KEY)
        fair, budget = train_budget(which, marker[0] if marker else None)
        marker = ss[RUN_KEY] = run_share().advance(pg, marker, fair, budget, who=sid)
        if marker is not None:
            if not (threaded() and run_share().alone(marker, sid, ALONE_AFTER)):
                return
            # a run of one: the session (exactly at one of its checkpoints) trains on in
            # the thread, with the others of its shape
            ss[RUN_KEY] = None
        elif not threaded():
            pg.frame(budget, clock=frame_share().clock)
            return
    else:
        frame_share().share(sid)  # counted among the trainers that split the share
    trainer.play(sid, pg, lock())
    trainer.start()


def threaded() -> bool:
    """Whether sessions of their own are trained by the training thread: on a server.
    Without one (AppTest, which has no timers either, and bare mode) a frame trains its
    session itself, as before issue 28, so a page test's runs train exactly what its
    frames do, not what a thread did between them on a machine of some speed."""
    return delivery.served()


def still(pg: pgm.Playground) -> pgm.Playground:
    """What a frame draws of ``pg``: a copy of its network and history (the rest shared,
    read only), taken under the session's lock while the training thread may step ``pg``
    (``ui.class_train``), so the drawing is of one state and holds no lock. About 30 us
    and the history's rows (at most ``HISTORY_ROWS``)."""
    tr = copy.copy(pg.trainer)
    tr.history = {k: list(v) for k, v in pg.trainer.history.items()}
    tr.net = copy.deepcopy(pg.net)  # W and b stay views of the copied buffer
    view = copy.copy(pg)
    view.trainer, view.net = tr, tr.net
    return view


def timed_frame(pg: pgm.Playground, which: str, draw_fn) -> None:
    """One live frame: train or keep training (while playing), then draw; record its
    server time.

    A session on a shared run moves along it in the frame (``ui.run_share``); one of its
    own is registered with the training thread, and the frame records the epochs the
    thread trained since the last frame (one record per frame, as when frames trained)
    and draws a copy of it (:func:`still`), both before the frame's turn: waiting for the
    thread's slice holds no other frame up. A divergence pauses the whole page.
    """
    ss = st.session_state
    playing = bool(ss.get(PLAYING_KEY))
    member = playing and class_trainer().has(session_id())
    view = pg
    if member:
        with lock():  # the epochs the thread trained since the last frame: one record
            pg.after_epochs(class_trainer().take(session_id()))
            view = still(pg)
            explore.note(pg)  # the timeline keeps what this frame draws (issue 31)
    # while playing, every timer frame of this session takes its turn across the server
    # (FrameShare.turn); a click's run (CLICK_RUN_KEY) waits for nobody; paused, nothing
    # waits
    urgent = bool(ss.get(CLICK_RUN_KEY))
    turn = frame_share().turn(urgent=urgent, hold=class_trainer().behind)
    with turn if playing else contextlib.nullcontext():
        t0 = now()
        epoch0 = pg.epoch
        if playing:
            if member:
                train(pg, which)  # the thread trains it: registers it, nothing more
            else:
                with lock():  # a download copies the session between frames (ui.mlp.export)
                    train(pg, which)
                    explore.note(pg)
                if class_trainer().has(session_id()):  # a member from now on
                    with lock():
                        view = still(pg)
            if pg.diverged:
                stop_training(pg)
                ss[PLAYING_KEY] = False
                st.rerun(scope="app")  # redraw the Play button and drop run_every
        t1 = now()
        draw_fn(view if playing else explore.shown(view))  # paused: the epoch shown
        schedule_view.after_draw(which, view, lambda: stop_training(pg))  # issue 32
        t2 = now()
    ss.setdefault(STATS_KEY, {})[which] = {
        "train_ms": 1e3 * (t1 - t0), "draw_ms": 1e3 * (t2 - t1), "epochs": pg.epoch - epoch0,
    }
    if ss.get(PLAYING_KEY):
        # Streamlit drops a fragment's deltas that are still queued when its next run
        # starts (AppSession clears the queue on SCRIPT_STARTED). While playing, runs
        # queue back to back, and on a busy server no picture would ever arrive. Waiting
        # here (no CPU, the GIL released) until the event loop has sent them keeps every
        # frame that was drawn.
        delivery.wait_sent(FLUSH_WAIT)


def stop_training(pg: pgm.Playground) -> None:
    """Take this session out of the training thread (Pause, an early stop, a diverged run)
    and record the epochs it trained since its last frame.

    Under the session's lock, which the thread holds while it trains the session: a slice
    under way ends first, so its epochs are counted. (Taken after ``stop``, a Pause missed
    that slice's epochs: the network had trained them, the page showed an epoch count
    and a loss history short of them, and the next Step jumped by them.)"""
    with lock():
        done = class_trainer().stop(session_id())
        if done:
            pg.after_epochs(done)


def grid_size(sizes: list[int]) -> int:
    """The grid's side for a network of layer widths ``sizes``: GRID, or coarser for a net
    so wide that a full pass would blow the frame (10 layers of 64 units: ~40 points)."""
    macs = sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))
    n = int(np.sqrt(GRID_MACS / macs))
    return int(np.clip(n - (n + 1) % 2, 31, GRID))  # odd: maps on every 4th point keep both edges


def _focus(pg: pgm.Playground) -> tuple[list[str], tuple[int, int]]:
    """All node ids and the focused node (the output unless the user picked another)."""
    ss = st.session_state
    sizes = pg.sizes()
    ids = [view.node_id(l, j) for l, n in enumerate(sizes) for j in range(n)]
    if ss.get(FOCUS_KEY) not in ids:
        ss[FOCUS_KEY] = ids[-1]
    l, j = (int(v) for v in ss[FOCUS_KEY].split("-"))
    return ids, (l, j)


def shared(pg: pgm.Playground, what: tuple, make):
    """``make()``, drawn once for all sessions at the same point of a shared run."""
    return run_share().memo(pg, st.session_state.get(RUN_KEY), what, make)


def boundary_picture(pg: pgm.Playground, discrete: bool, with_test: bool) -> str:
    """The output over the plane with the points (a JPEG data URL), in the session's
    palette (part of the shared drawing's key: a session never gets another's colours)."""
    colours = palette()

    def make() -> str:
        V = pg.grid_view(grid_size(pg.sizes()), MAP_STEP, maps=False).V
        rgb = boundary.boundary_rgb(V, pg.kind, discrete, pg.n_classes, colours)
        wrong = metrics_view.wrong_test_points(pg) if with_test else None  # ringed (issue 31)
        return _plot(pg, with_test, colours).picture(rgb, marks=wrong)

    return shared(pg, ("boundary", discrete, with_test, colours), make)


def draw(pg: pgm.Playground) -> None:
    """The fast fragment's part: the output over the plane, its toggles, the numbers.

    Everything here is drawn inside the fragment's own container (nothing is written
    into a container made by the page run: Streamlit's bookkeeping of such writes lost
    its place under back-to-back fragment runs and raised
    StreamlitInvalidLayoutContextError, issue 10).
    """
    ss = st.session_state
    m = pg.metrics()
    metric = "r2" if m["metric"] == "r2" else "acc"
    picture, figures = st.columns([2.2, 1], gap="medium")
    with figures, st.container(key=FIGURES_KEY):  # above the picture on a phone (ui.mlp.layout)
        for label, value in ((t("mlp.epoch"), f"{m['epoch']:,}"),
                             (t("mlp.train_loss"), numbers.plain(m["train_loss"], 4)),
                             (t("mlp.test_loss"), numbers.plain(m["test_loss"], 4)),
                             (t(f"mlp.train_{metric}"), numbers.plain(m["train_metric"])),
                             (t(f"mlp.test_{metric}"), numbers.plain(m["test_metric"]))):
            st.metric(label, value)
        announce.status(pg, bool(ss.get(PLAYING_KEY)), now())  # a polite live region
    with picture:
        st.markdown(f"**{t('mlp.boundary')}**")
        if pg.diverged:
            st.error(t("mlp.diverged_restored", epoch=pg.diverged_epoch,
                       restored=pg.restored_epoch))
        st.image(boundary_picture(pg, bool(ss.mlp_discrete), bool(ss.mlp_test)),
                 width="stretch", alt=announce.boundary_alt(pg))
        # the toggles rerun this fragment alone: their callback keeps the link up to date;
        # one flex row, not two columns: two elements fewer in every frame (issue 14)
        with st.container(horizontal=True):
            st.toggle(t("mlp.discretize"), key="mlp_discrete", on_change=settings.to_url)
            st.toggle(t("mlp.show_test"), key="mlp_test", on_change=settings.to_url)
        rings = ss.mlp_test and pg.kind != "regression"  # issue 31: the red rings' key
        st.caption(t(f"mlp.output.{pg.kind}") + (" " + t("mlpx.rings") if rings else ""))


def slow_pictures(pg: pgm.Playground, focus: tuple[int, int]) -> tuple[str, str]:
    """The diagram (SVG) and the focused neuron's map (JPEG data URL), the costliest part
    of a slow frame: recomputed every frame on a quiet server, less often on a busy one.

    While playing with more than SLOW_FULL_UP_TO students on this process, a slow frame
    re-sends the last pictures until they are SLOW_INTERVAL x (students / SLOW_FULL_UP_TO)
    seconds old, so the server's time goes to the output pictures (every frame still
    re-sends them: a fragment's elements that are not drawn again disappear).
    """
    ss = st.session_state
    share = frame_share()
    playing = bool(ss.get(PLAYING_KEY))
    key = (focus, current_lang(), repr(pg.config), tuple(pg.sizes()), palette())
    cached = ss.get(SLOW_KEY)
    at = share.clock()
    stale_after = SLOW_INTERVAL * max(1.0, share.playing() / SLOW_FULL_UP_TO)
    if playing and cached and cached[0] == key and at - cached[1] < stale_after:
        return cached[2]
    pictures = shared(pg, ("slow", focus, current_lang(), palette()),
                      lambda: _slow_pictures(pg, focus))
    ss[SLOW_KEY] = (key, at, pictures)
    return pictures


def _slow_pictures(pg: pgm.Playground, focus: tuple[int, int]) -> tuple[str, str]:
    sizes = tuple(pg.sizes())
    focus_l, focus_j = focus
    grid = pg.grid_view(grid_size(pg.sizes()), MAP_STEP, focus=focus)
    out_range = pg.net.activation.output_range
    show_maps = sum(sizes) <= view.MAP_NODES and max(sizes) <= 16
    colours = palette()
    sprite = view.map_sprite(grid.maps, out_range, pg.kind, colours) if show_maps else None
    inputs = [view.feature_label(f) for f in pg.config.features]
    alt = describe.network_text(  # issue 30: what the diagram shows now, in words
        current_lang(), sizes, t(f"act.name.{pg.config.activation}"), pg.net.W,
        len(pg.net.units_off()), inputs, name=t("mlp.alt.diagram"))
    diagram = svg.diagram_svg(pg.net.W, sprite, column_titles(pg), inputs,
                              view.node_id(*focus), off=pg.net.units_off(),  # issue 31
                              alt=alt)
    focus_rgb = view.layer_rgb(
        grid.focus[:, :, None], None if focus_l == 0 else out_range,
        pg.kind if focus_l == len(sizes) - 1 else None, first_unit=focus_j, palette=colours,
    )
    return diagram, _plot(pg, False, colours).picture(focus_rgb[:, :, 0])


def draw_slow(pg: pgm.Playground) -> None:
    """The slow fragment's part: the network diagram, one neuron large, loss, diagnostics."""
    sizes = tuple(pg.sizes())
    ids, focus = _focus(pg)
    diagram, focus_picture = slow_pictures(pg, focus)
    left, right = st.columns(2, gap="medium")
    with left:
        st.markdown(f"**{t('mlp.diagram')}**")
        st.image(diagram, width="stretch", alt=svg.alt_of(diagram))  # issue 30
        st.caption(t("mlp.diagram_help"))
    with right:
        names = node_names(pg)
        flat = {view.node_id(l, j): names[l][j] for l, n in enumerate(sizes)
                for j in range(n)}
        st.selectbox(t("mlp.focus"), ids, format_func=flat.__getitem__, key=state.choice(FOCUS_KEY))
        st.image(focus_picture, width=FOCUS_PX, alt=focus_alt(pg, focus, flat))  # issue 30
    hist = pg.history(LOSS_POINTS)
    series = (t("mlp.series.train"), t("mlp.series.test"))
    loss, grad, dead = st.columns(3, gap="medium")
    with loss:
        st.markdown(f"**{t('mlp.loss')}**")
        _show(view.loss_spec(series, t("mlp.epoch"), t("mlp.loss")),
              view.loss_datasets(hist, series))
        announce.loss_alt(hist)
    _diagnostics(pg, hist, grad, dead)


def focus_alt(pg: pgm.Playground, focus: tuple[int, int], names: dict[str, str]) -> str:
    """The large map's text alternative: its name, then the focused unit's output over the
    plane in words, read from a coarse grid (81 points) of the network as it is now."""
    l, j = focus
    n = announce.ALT_GRID  # not pg.grid_view: its one cached grid is the pictures' 101 x 101
    _, _, G = data.grid(n)
    with np.errstate(all="ignore"):
        A = pg.net.forward(data.features(G, pg.config.features).astype(pg.net.params.dtype))[1].A
    if not (0 <= l < len(A) and 0 <= j < A[l].shape[1]):
        return t("mlp.alt.focus")
    V = np.asarray(A[l][:, j], dtype=np.float64).reshape(n, n)
    return t("a11y.named", name=t("mlp.alt.focus"),
             text=describe.unit_text(current_lang(), names[view.node_id(*focus)], V))


def _plot(pg: pgm.Playground, with_test: bool,
          colours: str = boundary.DEFAULT_PALETTE) -> raster.Plot:
    """The axes and points of an output picture, drawn once per data set and palette
    (``colours``; session cache)."""
    ss = st.session_state
    key = (pg.data_key(), with_test, colours)
    cache = ss.setdefault("mlp_plots", {})
    if key not in cache:
        X_tr, y_tr, X_te, y_te = pg.points()
        points = [(X_tr, y_tr, "train")] + ([(X_te, y_te, "test")] if with_test else [])
        if len(cache) > 8:  # old data sets: keep the cache small
            cache.clear()
        cache[key] = raster.plot(points, pg.kind, pg.n_classes, palette=colours)
    return cache[key]


def _show(spec: dict, datasets: dict) -> None:
    """A chart whose spec is the same every frame and whose data changes: the browser
    updates the data of the chart in place instead of building a new one."""
    st.vega_lite_chart({**spec, "datasets": dict(datasets)}, width="stretch")


def _diagnostics(pg: pgm.Playground, hist: dict, grad: Any, dead: Any) -> None:
    """Gradient norm per layer (column ``grad``) and the share of dead ReLU units (``dead``)."""
    L = pg.net.L
    layers = layer_labels(L)
    relu = L > 1 and pg.config.activation == "relu"
    with grad:
        st.markdown(f"**{t('mlp.diagnostics')}**")
        _show(view.grad_spec(layers, t("mlp.epoch"), t("mlp.grad_norm")),
              view.grad_datasets(hist, layers))
        a11y.hidden_text(describe.layers_text(current_lang(), "grad", hist["epoch"], layers,
                                              hist["grad_norm"]), "mlp-grad")  # issue 30
        st.caption(t("mlp.grad_help"))
    with dead:
        st.markdown("&nbsp;")  # lines the chart up with its neighbour's header
        if relu:
            hidden = tuple(t("mlp.col.hidden", layer=l) for l in range(1, L))
            _show(view.dead_spec(hidden, t("mlp.epoch"), t("mlp.dead_share")),
                  view.dead_datasets(hist, hidden))
            a11y.hidden_text(describe.layers_text(current_lang(), "dead", hist["epoch"],
                                                  hidden, hist["dead"], share=True),
                             "mlp-dead")  # issue 30
        else:
            last = hist["dead"][-1] if hist["dead"].size else np.zeros(0)
            share = float(last.mean()) if last.size else 0.0
            st.metric(t("mlp.dead_share"), f"{100 * share:.0f}%")
        st.caption(t("mlp.dead_help") if relu else t("mlp.dead_none"))


def session_id() -> str:
    """This session's name in the process's FrameShare (random, nothing else in it)."""
    ss = st.session_state
    if SHARE_ID_KEY not in ss:
        ss[SHARE_ID_KEY] = uuid.uuid4().hex
    return ss[SHARE_ID_KEY]


def slow_level() -> int:
    """How much less often the slow fragment redraws on this process: 0 while at most
    SLOW_FULL_UP_TO students have the page open (this one included; a class opens the
    link before pressing Play), then one more per doubling, up to SLOW_LEVELS - 1."""
    playing = max(1, frame_share().present())
    return min(SLOW_LEVELS - 1, max(0, math.ceil(math.log2(playing / SLOW_FULL_UP_TO))))


def fast_level() -> int:
    """How much less often the fast fragment redraws on this process: 0 while at most
    FAST_FULL_UP_TO students have the page open, then one more per doubling, up to
    FAST_LEVELS - 1 (a class of 30: 1.44 s, still more than half a redraw a second each).
    The frames only draw (training is the thread's), so fewer of them leave the process
    to training and to the clicks."""
    playing = max(1, frame_share().present())
    return min(FAST_LEVELS - 1, max(0, math.ceil(math.log2(playing / FAST_FULL_UP_TO))))


def fast_interval(level: int) -> float:
    """The fast fragment's interval at ``level``: INTERVAL x 2^level."""
    return INTERVAL * 2**level


def slow_interval(level: int) -> float:
    """The slow fragment's interval at ``level``: SLOW_INTERVAL x 2^level. A slow frame
    costs two to three fast ones (diagram, charts, selectbox); with a class on one process
    the boundary pictures get the server's time and the loss charts redraw less often
    (issue 12)."""
    return SLOW_INTERVAL * 2**level


def follow_load() -> None:
    """In a fast frame: when the number playing on this process has moved the slow or
    the fast level since the fragments were declared, rerun the page once so the
    fragments are declared with their new intervals (``run_every`` only changes in a
    full run); not within RELEVEL_AFTER seconds of the last declaration."""
    ss = st.session_state
    declared = ss.get(SLOW_LEVEL_KEY)
    if declared is None or now() - ss.get(RELEVEL_KEY, 0.0) < RELEVEL_AFTER:
        return
    if slow_level() != declared or fast_level() != ss.get(FAST_LEVEL_KEY, 0):
        st.rerun(scope="app")


def live(playing: bool, pg: pgm.Playground) -> None:
    """The live part: two fragments, each drawing only inside its own container.

    While playing, the first fragment redraws the output over the plane and the numbers
    every INTERVAL x 2^fast_level seconds; the second redraws the diagram, the large
    neuron map, the loss and the diagnostics every SLOW_INTERVAL x 2^slow_level seconds
    (training goes on between them: :func:`train`). Paused, neither reruns. Measured on
    this machine: the diagram is the costliest picture for the browser, so drawing it
    less often is what lets the boundary keep its frame rate.
    """
    ss, share, sid = st.session_state, frame_share(), session_id()
    # this run was started by a click (or a page load): other sessions' frames and the
    # training thread wait until it ends (issue 28)
    share.click_begins(sid)
    ss[CLICK_RUN_KEY] = True
    try:
        _live_parts(playing, sid)
    finally:
        ss[CLICK_RUN_KEY] = False
        share.click_ends(sid)


def _live_parts(playing: bool, sid: str) -> None:
    ss = st.session_state
    if not playing and ss.get(PG_KEY) is not None:  # paused: trained no more; what it
        stop_training(ss[PG_KEY])  # trained since its last frame, recorded
    note = ss.pop(NOTE_KEY, None)
    if note:
        st.caption(note)
    frame_share().seen(sid)
    fast = fast_level()

    @st.fragment(run_every=fast_interval(fast) if playing else None)
    def _live() -> None:
        follow_load()
        timed_frame(st.session_state[PG_KEY], "fast", draw)

    level = slow_level()
    ss[SLOW_LEVEL_KEY] = level if playing else None
    ss[FAST_LEVEL_KEY] = fast
    ss[RELEVEL_KEY] = now()  # declared now: no rerun for a while

    @st.fragment(run_every=slow_interval(level) if playing else None)
    def _slow() -> None:
        with st.container(key=SLOW_BOX_KEY):  # after the hyper-parameters on a phone
            timed_frame(st.session_state[PG_KEY], "slow", draw_slow)

    _live()
    # The server sends queued deltas from its event loop, which gets the GIL only every
    # few ms while this script computes: the picture reached the browser behind ~40 other
    # messages. Waiting here until they are sent lets the picture show before the diagram
    # and charts are computed (bench_mlp_page's slider figure: median 289 -> 252-271 ms).
    delivery.wait_sent(HANDOFF_WAIT)
    _slow()
