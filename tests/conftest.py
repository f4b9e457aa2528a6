"""Shared pytest set-up: CI turns skips into failures; AppTest helpers for every page.

Fixtures for page tests (AppTest)::

    def test_x(open_page, chart_data):
        at = open_page("pages/1_Activations.py", lang="zh", tab="depth")  # ?lang=zh&tab=depth
        data = chart_data(at, "act-depth")      # {dataset name: DataFrame}

``open_page`` starts from ``streamlit_app.py`` and switches to the page, as a browser
does, so the sidebar's ``st.page_link`` entries resolve (an AppTest built from a page
file alone does not know the other pages).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pytest

ROOT = Path(__file__).resolve().parent.parent
ENTRY = "streamlit_app.py"


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _fail_skip(report: pytest.TestReport | pytest.CollectReport) -> None:
    """Under CI, a skip is a failure: a missing browser must not pass quietly."""
    if _ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which counts as a failure: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    outcome = yield
    _fail_skip(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> object:
    outcome = yield
    _fail_skip(outcome.get_result())


#: the test tiers, one folder each (tests/unit/test_tiers.py keeps every file in one)
TIERS = ("unit", "integration", "e2e")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test with its tier (its folder under tests/): ``-m unit`` works as
    ``tests/unit`` does."""
    tests = ROOT / "tests"
    for item in items:
        path = Path(str(item.fspath)).resolve()
        if path.is_relative_to(tests):
            tier = path.relative_to(tests).parts[0]
            if tier in TIERS:
                item.add_marker(tier)


# ---------------------------------------------------------------- AppTest helpers


@pytest.fixture
def open_page(monkeypatch: pytest.MonkeyPatch) -> Callable[..., object]:
    """``open_page(path, lang="en", timeout=30, **params) -> AppTest`` after its first run.

    ``path`` is relative to the repository root (``"pages/3_MLP.py"`` or
    ``"streamlit_app.py"``); ``params`` become URL query parameters (lists repeat the key).
    """
    from streamlit.testing.v1 import AppTest

    monkeypatch.chdir(ROOT)  # Streamlit reads .streamlit/config.toml from the cwd

    def _open(path: str, lang: str = "en", timeout: float = 30, **params: object) -> AppTest:
        at = AppTest.from_file(str(ROOT / ENTRY), default_timeout=timeout)
        at.query_params["lang"] = lang
        for key, value in params.items():
            at.query_params[key] = (
                [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
            )
        if path != ENTRY:
            at.switch_page(path)
        return at.run()

    return _open


def spec_id(spec: dict) -> str:
    """A chart's test id: its spec's ``usermeta.id`` (``ui.charts.chart_id``); a chart
    without one (drawn outside the shared builders) by its ``description``."""
    meta = spec.get("usermeta")
    if isinstance(meta, dict) and meta.get("id"):
        return str(meta["id"])
    return spec.get("description", "")


def charts_by_id(at: object) -> dict[str, object]:
    """The Vega-Lite chart elements of an AppTest run, by their test id (:func:`spec_id`),
    not by their accessible name (the ``description`` a screen reader says)."""
    found = {}
    for element in at.get("vega_lite_chart"):
        found[spec_id(json.loads(element.proto.spec))] = element
    return found


def alt_texts(at: object) -> dict[str, str]:
    """The text alternatives of an AppTest run (``ui.a11y.hidden_text``), by chart id."""
    import html
    import re

    found = {}
    for md in at.markdown:
        m = re.search(r'<p class="nn-sr" data-chart="([^"]*)">(.*?)</p>', md.value, re.S)
        if m:
            found[html.unescape(m.group(1))] = html.unescape(m.group(2))
    return found


#: the widget kinds :func:`widget_keys` looks at
WIDGET_KINDS = ("slider", "select_slider", "number_input", "text_input", "selectbox",
                "multiselect", "radio", "checkbox", "toggle", "button")


def widget_keys(at: object) -> set[str]:
    """The keys of the widgets the last run drew (after :func:`bench.harness.fragment_run`:
    those of that fragment only)."""
    return {w.key for kind in WIDGET_KINDS for w in getattr(at, kind)}


def fragment_run(at: object, kind: str, key: str, value: object = None) -> object:
    """:func:`bench.harness.fragment_run`: set a widget and rerun only its fragment.

    Imported when called: test_conftest_ci runs this file alone, outside the repository."""
    from bench.harness import fragment_run as run

    return run(at, kind, key, value)


@pytest.fixture
def chart_spec() -> Callable[[object, str], dict]:
    """``chart_spec(at, chart_id) -> dict``: the Vega-Lite spec of the chart with that id."""

    def _spec(at: object, chart_id: str) -> dict:
        charts = charts_by_id(at)
        assert chart_id in charts, f"no chart {chart_id!r}; found {sorted(charts)}"
        return json.loads(charts[chart_id].proto.spec)

    return _spec


@pytest.fixture
def chart_data() -> Callable[[object, str], dict]:
    """``chart_data(at, chart_id) -> {dataset name: DataFrame}`` of the chart with that id.

    Named datasets (``proto.datasets``, what ``st.altair_chart`` and ``ui.charts.show``
    send) and a top-level unnamed one (``proto.data``, key ``""``) are both returned.
    """

    def _data(at: object, chart_id: str) -> dict:
        charts = charts_by_id(at)
        assert chart_id in charts, f"no chart {chart_id!r}; found {sorted(charts)}"
        proto = charts[chart_id].proto
        frames = {
            d.name: pa.ipc.open_stream(d.data.data).read_pandas() for d in proto.datasets
        }
        if proto.data.data:
            frames[""] = pa.ipc.open_stream(proto.data.data).read_pandas()
        return frames

    return _data


@pytest.fixture
def no_exception() -> Callable[[object], None]:
    """``no_exception(at)`` fails with the exception texts if the run raised."""

    def _check(at: object) -> None:
        assert not at.exception, [e.message for e in at.exception]

    return _check
