"""The Optimizers page's pictures, no widgets: the loss surface as a banded contour PNG,
the race chart (paths as lines, current points, start, minimum and the leader over the
picture), the loss curves (log scale) and the MLP runners' small boundaries.

The charts' specs are built once per layout (:func:`ui.charts.spec_builder`); each frame
sends only their data, paths and curves thinned to at most ``MAX_POINTS`` per runner.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from nncore import landscape
from ui import boundary, charts, describe

MAX_POINTS = 400  # per runner, per chart (first and last kept)
BANDS = 14  # contour bands of the surface picture
LOSS_FLOOR = 1e-30  # a loss of exactly 0 cannot sit on a log axis: drawn here instead
#: one colour per runner, whatever subset races
COLOURS: dict[str, str] = {"sgd": "#4e79a7", "momentum": "#f28e2b", "nesterov": "#e15759",
                           "adam": "#59a14f", "rmsprop": "#b07aa1"}
_LIGHT, _DARK, _EDGE = 252.0, 165.0, 120.0  # grey levels: lowest band, highest, contour


# ---------------------------------------------------------------- the surface


def contour_rgb(F: np.ndarray) -> np.ndarray:
    """A banded grey picture of ``F`` (n, n), rows in grid order (row 0 = lowest y):
    light where low, darker where high, bands evenly spaced in log(F - min), and a darker
    line where the band changes (the contour lines)."""
    F = np.nan_to_num(np.asarray(F, dtype=np.float64), nan=np.inf, posinf=np.inf)
    finite = F[np.isfinite(F)]
    lo, hi = (finite.min(), finite.max()) if finite.size else (0.0, 1.0)
    span = max(hi - lo, 1e-300)
    v = np.log10(np.clip(F - lo, 0.0, span) / span + 1e-4)  # -4 .. 0
    band = np.clip(((v + 4.0) / 4.0 * BANDS).astype(int), 0, BANDS - 1)
    grey = _LIGHT + (band / (BANDS - 1)) * (_DARK - _LIGHT)
    edge = np.zeros(band.shape, dtype=bool)
    edge[:, 1:] |= band[:, 1:] != band[:, :-1]
    edge[1:, :] |= band[1:, :] != band[:-1, :]
    grey = np.where(edge, _EDGE, grey)
    return np.repeat(np.round(grey).astype(np.uint8)[:, :, None], 3, axis=2)


def surface_png(F: np.ndarray) -> bytes:
    """:func:`contour_rgb` as PNG bytes (y growing upwards)."""
    return boundary.rgb_png(contour_rgb(F))


def neuron_grid(X: np.ndarray, y: np.ndarray, b: float, bounds, n: int = 120) -> np.ndarray:
    """The neuron's cross-entropy over the (w1, w2) box ``bounds`` at bias ``b``."""
    (x0, x1), (y0, y1) = bounds
    return landscape.weight_grid(X, y, b, "sigmoid", "bce", (x0, x1), (y0, y1), n)[2]


# ---------------------------------------------------------------- the race chart


def _thin(n: int, most: int = MAX_POINTS) -> np.ndarray:
    """Indices of at most ``most`` of ``n`` points, evenly spread, first and last kept."""
    return np.unique(np.linspace(0, n - 1, min(n, most)).astype(int))


@charts.spec_builder
def race_spec(name: str, series: tuple[tuple[str, str], ...], bounds: tuple,
              axis_titles: tuple[str, str], marks: tuple[str, str, str],
              title: str, height: int = 460) -> alt.LayerChart:
    """The surface picture with one path per ``(runner, label)`` in ``series``, the current
    points, a ring on the leader, the start and (when known) the minimum.

    ``marks`` are the words drawn at the start, the minimum and the leader. Named data:
    ``<name>-image``, ``-paths`` (x, y, i, runner), ``-now`` (x, y, runner, lead),
    ``-marks`` (x, y, text).
    """
    (x0, x1), (y0, y1) = bounds
    xs = alt.Scale(domain=[x0, x1], nice=False, zero=False)
    ys = alt.Scale(domain=[y0, y1], nice=False, zero=False)
    x = alt.X("x:Q", scale=xs, axis=alt.Axis(title=axis_titles[0], grid=False, tickCount=5))
    y = alt.Y("y:Q", scale=ys, axis=alt.Axis(title=axis_titles[1], grid=False, tickCount=5))
    colour = alt.Color("runner:N", scale=alt.Scale(
        domain=[label for _, label in series], range=[COLOURS[r] for r, _ in series]),
        legend=alt.Legend(orient="top", title=None))
    image = (alt.Chart(charts.named(f"{name}-image"))
             .mark_image(aspect=False, align="left", baseline="top", clip=True)
             .encode(x=x, x2="x2:Q", y=y, y2="y2:Q", url="url:N"))
    # each runner its own dash and marker as well as colour (WCAG 1.4.1); the legend
    # shows the markers (the loss chart's legend shows the same dashes)
    legend = alt.Legend(orient="top", title=None)
    dash = alt.StrokeDash("runner:N", scale=charts.dash_scale(series, tuple(COLOURS)),
                          legend=None)
    order = list(COLOURS)
    shape = alt.Shape("runner:N", legend=legend, scale=alt.Scale(
        domain=[label for _, label in series],
        range=[boundary.SHAPES[order.index(r) % len(boundary.SHAPES)] for r, _ in series]))
    paths = (alt.Chart(charts.named(f"{name}-paths")).mark_line(strokeWidth=2.5, clip=True)
             .encode(x=x, y=y, order="i:Q", color=colour, detail="runner:N",
                     strokeDash=dash))
    now = (alt.Chart(charts.named(f"{name}-now"))
           .mark_point(size=90, opacity=1, filled=True, stroke="#ffffff", strokeWidth=1.5,
                       clip=True)
           .encode(x=x, y=y, color=colour, shape=shape, tooltip=["runner:N", "x:Q", "y:Q"]))
    lead = alt.Chart(charts.named(f"{name}-now")).transform_filter("datum.lead")
    ring = lead.mark_point(size=420, strokeWidth=2.5, color="#111111", clip=True).encode(x=x, y=y)
    ring_text = lead.mark_text(dy=-18, fontWeight="bold", color="#111111", clip=True).encode(
        x=x, y=y, text=alt.value(marks[2]))
    spots = alt.Chart(charts.named(f"{name}-marks"))
    spot = spots.mark_point(shape="square", filled=True, size=110, color="#111111",
                            opacity=1, clip=True).encode(x=x, y=y)
    spot_text = spots.mark_text(dx=10, dy=12, align="left", color="#111111",
                                clip=True).encode(x=x, y=y, text="text:N")
    return alt.layer(image, paths, now, ring, ring_text, spot, spot_text).properties(
        title=title, height=height, usermeta={"id": name})


def _stacked(parts: dict[str, dict[str, np.ndarray]], labels: dict[str, str]) -> pd.DataFrame:
    """One DataFrame of every runner's columns end to end, a ``runner`` column naming
    each row's (one constructor per frame: pandas costs milliseconds per DataFrame)."""
    columns = {k: np.concatenate([p[k] for p in parts.values()]) if parts else np.zeros(0)
               for k in next(iter(parts.values()), {})}
    runner = np.repeat(np.array([labels[r] for r in parts], dtype=object),
                       [len(next(iter(p.values()))) for p in parts.values()])
    return pd.DataFrame({**columns, "runner": runner})


def race_datasets(name: str, image: pd.DataFrame, paths: dict[str, np.ndarray],
                  labels: dict[str, str], leader: str | None, start, minimum,
                  marks: tuple[str, str, str]) -> dict[str, pd.DataFrame]:
    """The named data of :func:`race_spec`: the picture (``ui.boundary.image_frame``),
    each runner's path (columns 0 and 1 of its parameters, thinned), where it is now, the
    start and the minimum (None: not drawn)."""
    thinned = {r: (p, _thin(len(p))) for r, p in paths.items()}
    lines = {r: {"x": p[k, 0], "y": p[k, 1], "i": k} for r, (p, k) in thinned.items()}
    ends = np.array([p[-1, :2] for p in paths.values()]).reshape(-1, 2)
    spots = [(float(start[0]), float(start[1]), marks[0])]
    if minimum is not None:
        spots.append((float(minimum[0]), float(minimum[1]), marks[1]))
    return {
        f"{name}-image": image,
        f"{name}-paths": (_stacked(lines, labels) if lines
                          else pd.DataFrame({"x": [], "y": [], "i": [], "runner": []})),
        f"{name}-now": pd.DataFrame({"x": ends[:, 0], "y": ends[:, 1],
                                     "runner": [labels[r] for r in paths],
                                     "lead": [r == leader for r in paths]}),
        f"{name}-marks": pd.DataFrame(spots, columns=["x", "y", "text"]),
    }


# ---------------------------------------------------------------- the loss curves


@charts.spec_builder
def loss_spec(name: str, series: tuple[tuple[str, str], ...], title: str, x_title: str,
              y_title: str, height: int = 320) -> alt.Chart:
    """One loss curve per ``(runner, label)`` against the step, log scale. Named data
    ``<name>-data`` (step, loss, runner)."""
    colour = alt.Color("runner:N", scale=alt.Scale(
        domain=[label for _, label in series], range=[COLOURS[r] for r, _ in series]),
        legend=alt.Legend(orient="top", title=None))
    return (
        alt.Chart(charts.named(f"{name}-data")).mark_line(strokeWidth=2)
        .encode(x=alt.X("step:Q", title=x_title, axis=alt.Axis(tickMinStep=1, format="d"),
                        scale=alt.Scale(domain={"unionWith": [0, 10]})),
                y=alt.Y("loss:Q", title=y_title, scale=alt.Scale(type="log")),
                color=colour, detail="runner:N",
                strokeDash=alt.StrokeDash("runner:N", scale=charts.dash_scale(
                    series, tuple(COLOURS)), legend=alt.Legend(orient="top", title=None)),
                tooltip=["runner:N", "step:Q", alt.Tooltip("loss:Q", format=".4g")])
        .properties(title=title, height=height, usermeta={"id": name})
    )


def loss_datasets(name: str, losses: dict[str, np.ndarray],
                  labels: dict[str, str]) -> dict[str, pd.DataFrame]:
    """``<name>-data``: each runner's loss at every step (thinned), floored at LOSS_FLOOR."""
    if not losses:
        return {f"{name}-data": pd.DataFrame({"step": [], "loss": [], "runner": []})}
    parts = {r: {"step": k, "loss": np.maximum(loss[k], LOSS_FLOOR)}
             for r, loss in losses.items() for k in [_thin(len(loss))]}
    return {f"{name}-data": _stacked(parts, labels)}


# ---------------------------------------------------------------- the MLP's boundaries


def points_mask(X: np.ndarray, n: int, scale: int, domain: tuple[float, float]):
    """Pixel rows and columns (picture order, top row first) of the points ``X`` on an
    ``n * scale`` square picture of ``domain``."""
    lo, hi = domain
    side = n * scale
    col = np.clip(np.round((X[:, 0] - lo) / (hi - lo) * (side - 1)).astype(int), 2, side - 3)
    row = np.clip(np.round((hi - X[:, 1]) / (hi - lo) * (side - 1)).astype(int), 2, side - 3)
    return row, col


def small_boundary(V: np.ndarray, X: np.ndarray, y: np.ndarray, scale: int = 3,
                   domain: tuple[float, float] = (-6.0, 6.0),
                   palette: str = boundary.DEFAULT_PALETTE) -> bytes:
    """A small PNG: the output ``V`` (n, n) of a binary net (grid order) enlarged
    ``scale`` times, the points drawn as 3x3 dots in their class colour (of ``palette``),
    ringed white."""
    rgb = boundary.boundary_rgb(V, "binary", palette=palette)[::-1]  # top row first
    rgb = np.repeat(np.repeat(rgb, scale, axis=0), scale, axis=1)
    row, col = points_mask(X, V.shape[0], scale, domain)
    colours = boundary.class_rgb(2, palette)[np.asarray(y) % 2]
    for ring, paint in ((2, None), (1, colours)):
        for dr in range(-ring, ring + 1):
            for dc in range(-ring, ring + 1):
                rgb[row + dr, col + dc] = (255, 255, 255) if paint is None else paint
    return boundary.rgb_png(np.ascontiguousarray(rgb[::-1]))


def race_alt(race: object, names: dict[str, str], lang: str) -> str:
    """The race's text alternative: every runner's current loss, lowest first, and the
    runners that diverged (``race``: an ``nncore.race.Race``)."""
    final = {}
    for r in race.lanes:
        losses = race.losses(r)
        diverged = race.diverged(r) is not None or not len(losses)
        final[names[r]] = float("nan") if diverged else float(losses[-1])
    return describe.race_text(lang, race.steps, final)


def race_table(race: object, names: dict[str, str]) -> pd.DataFrame:
    """The race's numbers ("show as table"): each runner's steps, current loss and the
    step it diverged at (empty if it did not)."""
    rows = []
    for r in race.lanes:
        losses = race.losses(r)
        rows.append({"runner": names[r], "steps": max(len(losses) - 1, 0),
                     "loss": float(losses[-1]) if len(losses) else float("nan"),
                     "diverged": race.diverged(r)})
    return pd.DataFrame(rows)


def paths_alt(race: object, names: dict[str, str], axes: tuple[str, str],
              minimum: tuple | None, lang: str) -> str:
    """The race chart's text alternative (issue 30): where each runner is now (a runner
    that diverged is said so) and the known minimum (:func:`ui.describe.paths_text`)."""
    ends = {}
    for r in race.lanes:
        path = race.path(r)
        ends[names[r]] = (None if race.diverged(r) is not None or not len(path)
                          else path[-1][:2])
    return describe.paths_text(lang, race.steps, ends, axes,
                               None if minimum is None else tuple(minimum)[:2])


def boundary_alt(race: object, r: str, name: str, V: np.ndarray, X: np.ndarray,
                 y: np.ndarray, palette: str, lang: str) -> str:
    """Runner ``r``'s small boundary in words after its ``name`` (the picture's fixed
    name, issue 30): its regions over the plane ``V``
    (n, n) and how many points (``X`` (m, 2), labels ``y``) its network puts on their
    class's side (:func:`ui.describe.small_boundary_text`)."""
    with np.errstate(all="ignore"):
        p = np.asarray(race.problem.model(race.params(r)).predict(X), dtype=np.float64)[:, 0]
    correct = int(np.sum((p >= 0.5) == (np.asarray(y) > 0)))
    return describe.small_boundary_text(lang, name, race.steps, V, correct, len(p),
                                        palette)
