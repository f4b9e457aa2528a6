"""Shared chart plumbing: Altair specs built once per layout, data sent separately.

A chart builder is a function of *layout* only (titles, series names, colours: small
hashable arguments) that returns an Altair chart over ``alt.NamedData`` sources. Decorate
it with :func:`spec_builder`: calling it then returns the Vega-Lite dict, cached per
arguments. :func:`show` attaches the DataFrames by name and calls ``st.vega_lite_chart``.

Why: building an Altair chart costs 20-50 ms (every channel object is validated against
the Vega-Lite schema) and ``st.altair_chart`` validates the whole spec again; a page with
two charts would spend its 150 ms rerun budget on that. The layout rarely changes while a
slider moves, so the spec comes from the cache and only the data are new. Specs are
validated in the tests instead (``builder.chart(...)`` gives the Altair object). The data
reach the browser as Arrow, exactly as with ``st.altair_chart`` (``proto.datasets`` in
AppTest, one entry per name).

Every chart sets ``description=<chart id>`` so tests find it:
``tests/conftest.py::chart_data(at, "act-g")``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

# A fixed categorical palette (Tableau 10 + 3 darker tones): 13 distinct colours, so a
# series keeps its colour when others are added or removed.
PALETTE: tuple[str, ...] = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
    "#ff9da7", "#9c755f", "#bab0ac", "#1f3b73", "#8c564b", "#2ca02c",
)


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
    return d


def spec_builder(fn: Callable[..., Any]) -> Callable[..., dict]:
    """Decorator: ``fn(*layout) -> alt chart`` becomes ``(*layout) -> spec dict``, cached.

    Arguments must be hashable (use tuples, not lists). ``builder.chart`` is the
    undecorated ``fn`` (for tests that validate the spec).
    """

    # Every builder's cache function has the same code, so st.cache_data would share
    # one cache between them: the builder's name is part of the key to keep them apart.
    @st.cache_data(max_entries=512, show_spinner=False)
    def cached(builder_name: str, *args: Any, **kwargs: Any) -> dict:
        return to_spec(fn(*args, **kwargs))

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> dict:
        return cached(f"{fn.__module__}.{fn.__qualname__}", *args, **kwargs)

    wrapper.chart = fn  # type: ignore[attr-defined]
    return wrapper


def show(spec: dict, datasets: Mapping[str, pd.DataFrame], key: str | None = None) -> None:
    """Draw the chart ``spec`` with its data, full width, in the Streamlit theme."""
    # No alt=: it would override the description (the chart id the tests look for).
    st.vega_lite_chart({**spec, "datasets": dict(datasets)}, width="stretch", key=key)


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
