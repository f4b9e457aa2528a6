"""Shared chart plumbing: Altair specs built once per layout, data sent separately.

A chart builder is a function of *layout* only (titles, series names, colours: small
hashable arguments) that returns an Altair chart over ``alt.NamedData`` sources. Decorate
it with :func:`spec_builder`: calling it then returns the Vega-Lite dict, cached per
arguments. :func:`show` attaches the DataFrames by name and calls ``st.vega_lite_chart``.

Why: building an Altair chart costs 20-50 ms (every channel object is validated against
the Vega-Lite schema) and ``st.altair_chart`` validates the whole spec again; a page with
two charts would spend its 150 ms rerun budget on that. The layout rarely changes while a
slider moves, so the spec comes from the cache and only the data are new; the browser then
sees the same spec and updates the chart's data in place instead of rebuilding the view.
Specs are validated in the tests instead (``builder.chart(...)`` gives the Altair object).

The cache is a plain in-process one (``functools.lru_cache``): a spec is a pure function of
its hashable layout arguments, and ``st.cache_data`` would hash them and unpickle a fresh
copy of the dict on every hit (~1 ms a chart a run). The cached dict is shared: never
mutate it (``show`` copies its top level).

The data reach the browser as Arrow IPC bytes (``proto.datasets`` in AppTest, one entry per
name), converted here column by column (``arrow_bytes``, ~0.3 ms) rather than through pandas'
Arrow bridge with its metadata (1-4 ms a dataset).

Every chart names itself with an id in its spec's ``usermeta`` (``.properties(usermeta=
{"id": "act-g"})``), which is what tests find it by: ``tests/conftest.py::chart_data(at,
"act-g")``. Its ``description`` is what a screen reader says (Vega makes it the chart's
``aria-label``): words for people in the user's language, the chart's title unless
:func:`show` is given an ``alt``. The marks and axes inside are hidden from assistive
technology (``config.aria = false``): one picture, one name, and the text alternative of
what it shows now beside it (``ui.a11y.hidden_text``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st

# A fixed categorical palette (Tableau 10 + 3 darker tones): 13 distinct colours, so a
# series keeps its colour when others are added or removed.
PALETTE: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
    "#ff9da7", "#9c755f", "#bab0ac", "#1f3b73", "#8c564b", "#2ca02c",
)


#: key prefix of the container around a chart drawn by :func:`show` (its test id in the page)
CHART_KEY = "chart-"


def named(name: str) -> alt.NamedData:
    """A data reference, filled at draw time from the ``datasets`` given to :func:`show`."""
    return alt.NamedData(name=name)


def to_spec(chart: Any, validate: bool = False) -> dict:
    """The Vega-Lite dict of an Altair chart, without Altair's fixed 300 px view size
    (so it follows the Streamlit container, as ``st.altair_chart`` does)."""
    d = chart.to_dict(validate=validate)
    config = d.get("config", {})
    view = config.get("view", {})
    for k in ("continuousWidth", "continuousHeight"):
        view.pop(k, None)
    if not view:
        config.pop("view", None)
    if not config:
        d.pop("config", None)
    # one accessible name for the picture: its marks are hidden from assistive technology
    # (hundreds of "x: 0.3; y: 0.5" items, and unnamed image and rect marks that fail WCAG
    # 1.1.1); the axes keep their labels. (Vega-Lite's config.aria = false would also drop
    # the chart's own name.)
    _hide_marks(d)
    if "description" not in d:
        title = d.get("title")
        text = title.get("text") if isinstance(title, dict) else title
        if isinstance(text, list):
            text = " ".join(str(x) for x in text)
        if text:
            d["description"] = str(text)
    return d


def _hide_marks(node: Any) -> None:
    """Set ``aria: false`` on every mark of a Vega-Lite spec (in place)."""
    if isinstance(node, dict):
        mark = node.get("mark")
        if isinstance(mark, str):
            node["mark"] = {"type": mark, "aria": False}
        elif isinstance(mark, dict):
            mark["aria"] = False
        for value in node.values():
            _hide_marks(value)
    elif isinstance(node, list):
        for value in node:
            _hide_marks(value)


def chart_id(spec: Mapping[str, Any]) -> str:
    """The id a chart's spec names itself by (``usermeta.id``), "" if none."""
    meta = spec.get("usermeta")
    return str(meta.get("id", "")) if isinstance(meta, Mapping) else ""


def spec_builder(fn: Callable[..., Any]) -> Callable[..., dict]:
    """Decorator: ``fn(*layout) -> alt chart`` becomes ``(*layout) -> spec dict``, cached.

    Arguments must be hashable (use tuples, not lists). ``builder.chart`` is the
    undecorated ``fn`` (for tests that validate the spec).
    """

    @functools.lru_cache(maxsize=256)
    def cached(*args: Any, **kwargs: Any) -> dict:
        return to_spec(fn(*args, **kwargs))

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> dict:
        return cached(*args, **kwargs)

    wrapper.chart = fn  # type: ignore[attr-defined]
    return wrapper


Columns = pd.DataFrame | Mapping[str, Any]


def arrow_bytes(data: Columns) -> bytes:
    """A DataFrame (its columns, not its index) or ``{name: 1-D array}`` as Arrow IPC stream
    bytes, the form Streamlit sends a chart's dataset in."""
    table = pa.table({str(name): pa.array(np.asarray(col), from_pandas=True)
                      for name, col in data.items()})
    sink = pa.BufferOutputStream()
    with pa.RecordBatchStreamWriter(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def show(spec: dict, datasets: Mapping[str, Columns], key: str | None = None,
         alt: str | None = None) -> None:
    """Draw the chart ``spec`` with its data (DataFrames or ``{column: array}``), full width,
    in the Streamlit theme; without a ``key``, inside a container keyed
    :data:`CHART_KEY` + its id (the browser tests find it by ``.st-key-chart-<id>``).
    ``alt``: the chart's accessible
    name (its ``description``), when its title does not name it; keep it stable while
    the data change (a changed name rebuilds the Vega view, where new data are drawn in
    place)."""
    data = {name: arrow_bytes(d) for name, d in datasets.items()}
    full = {**spec, "datasets": data}
    if alt:
        full["description"] = alt
    cid = chart_id(spec)
    if key or not cid:
        st.vega_lite_chart(full, width="stretch", key=key)
        return
    # a test id in the page: Streamlit gives a chart's key no class, a container's it does
    with st.container(key=CHART_KEY + cid):
        st.vega_lite_chart(full, width="stretch")


#: stroke dash patterns (px on, px off), so lines told apart by colour are told apart
#: without it too (WCAG 1.4.1); the first is solid
DASHES: tuple[tuple[int, ...], ...] = (
    (1, 0), (8, 3), (3, 3), (12, 3, 3, 3), (6, 2), (2, 4), (16, 4), (8, 2, 2, 2),
)


def dash_scale(series: tuple[tuple[str, str], ...], order: Sequence[str]) -> alt.Scale:
    """A strokeDash scale for ``(id, label)`` series: each id keeps the dash of its place
    in ``order`` (as :func:`colour_scale` keeps its colour)."""
    index = {i: k for k, i in enumerate(order)}
    return alt.Scale(domain=[label for _, label in series],
                     range=[list(DASHES[index.get(i, 0) % len(DASHES)]) for i, _ in series])


def palette_for(ids: list[str]) -> dict[str, str]:
    """``{id: colour}`` taking :data:`PALETTE` in order (cycling after 13)."""
    return {i: PALETTE[k % len(PALETTE)] for k, i in enumerate(ids)}


def colour_scale(series: tuple[tuple[str, str], ...], colours: Mapping[str, str]) -> alt.Scale:
    """Colour scale for ``(id, label)`` series with a fixed colour per id, so a series keeps
    its colour whatever subset is shown; the legend lists exactly the shown series."""
    return alt.Scale(
        domain=[label for _, label in series], range=[colours[i] for i, _ in series]
    )


def fixed_colours(domain: tuple[str, ...], colours: tuple[str, ...]) -> alt.Scale:
    """A categorical scale with the given colours, in order."""
    return alt.Scale(domain=list(domain), range=list(colours))
