"""Real Streamlit sessions through deploy/run.sh (two replicas behind HAProxy) in headless
Chromium: two browsers land on different replicas, each keeps its session across reruns
and a reload, and every request of a session (the websocket, the /media/ pictures) reaches
the replica named by its cookie. The HTTP-only half is tests/integration/test_deploy.py."""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest

from bench import harness as bench_harness
from deploy import harness
from ui.i18n import tr

# deploy/run.sh needs HAProxy: without it these tests skip (the skip fails the run under
# CI=true, tests/conftest.py)
pytestmark = [pytest.mark.e2e,
              pytest.mark.skipif(harness.haproxy() is None, reason=harness.NO_HAPROXY)]

# A page whose pictures are /media/ files kept in the memory of one replica (the app's
# own pictures are data URLs), and a counter that lives in the session.
MEDIA_APP = """
import secrets

import numpy as np
import streamlit as st

st.session_state.setdefault("n", 0)
st.session_state.setdefault("seed", secrets.randbits(64))  # pictures of this session only
if st.button("More", key="more"):
    st.session_state.n += 1
rng = np.random.default_rng([st.session_state.seed, st.session_state.n])
st.image([rng.integers(0, 255, (24, 24, 3), dtype=np.uint8) for _ in range(3)])
st.metric("Count", st.session_state.n)
"""


@pytest.fixture
def open_session(browser):
    """``open_session(url) -> (context, page, [(status, url), ...] seen)``: a browser of its
    own (a new context: its own cookies) on ``url``; every context is closed at the end."""
    contexts = []

    def _open(url: str) -> tuple[object, object, list[tuple[int, str]]]:
        page = bench_harness.new_page(browser)
        context = page.context
        contexts.append(context)
        seen = []
        page.on("response", lambda r: seen.append((r.status, r.url)))
        page.goto(url)
        return context, page, seen

    yield _open
    for context in contexts:
        context.close()


def replica(context) -> str:
    values = [c["value"] for c in context.cookies() if c["name"] == harness.COOKIE]
    assert len(values) == 1, context.cookies()
    return values[0]


def metric(page, label: str) -> int:
    value = page.locator("[data-testid=stMetric]").filter(has_text=label).first
    return int(value.locator("[data-testid=stMetricValue]").inner_text().replace(",", ""))


def click_until(page, wait_ready, button: str, label: str, value: int) -> None:
    """Click ``button``; wait until the metric ``label`` shows ``value`` and the run the
    click started ends."""
    since = bench_harness.mark(page)
    page.get_by_role("button", name=button, exact=True).click()
    metric_value = page.locator("[data-testid=stMetric]").filter(has_text=label).first
    metric_value.locator("[data-testid=stMetricValue]").filter(
        has_text=re.compile(rf"^{value}$")).wait_for()
    wait_ready(page, since=since)


def wait_images(page) -> int:
    """Wait until every ``img`` has loaded with a width; how many there are."""
    page.wait_for_function(
        "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)",
        timeout=30_000,
    )
    return page.evaluate("document.images.length")


def logged_streams(d: harness.Deployment, count: int) -> list[harness.Request]:
    """The websocket requests in HAProxy's log once ``count`` have closed (bounded wait)."""
    def streams() -> list[harness.Request]:
        return [r for r in d.requests() if r.path == "/_stcore/stream"]

    bench_harness.poll_until(lambda: len(streams()) >= count, timeout=60)
    return streams()


def failed(d: harness.Deployment, seen: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Responses from the app with an error status. Streamlit's page first probes
    ``/<page>/_stcore/health`` and ``host-config`` (in case the page's path is a base URL
    path); those 404 on any server and are left out."""
    return [(s, u) for s, u in seen if s >= 400 and u.startswith(d.url)
            and not re.match(r"/[^/]+/_stcore/", u.removeprefix(d.url))]


def check_sticky(d: harness.Deployment, owners: set[str]) -> None:
    """Every request that carried the cookie went to the cookie's replica; every websocket
    carried one; both replicas served a session."""
    requests = d.requests()
    wrong = [r for r in requests if r.cookie and (r.server != r.cookie or r.flags[2] != "V")]
    assert not wrong, wrong
    streams = [r for r in requests if r.path == "/_stcore/stream"]
    assert streams and all(r.cookie for r in streams), streams
    assert {r.cookie for r in streams} == owners


def check_stopped(d: harness.Deployment) -> None:
    pids = d.pids()
    assert d.stop() == 0, d.output()
    assert not [name for name, pid in pids.items() if harness.alive(pid)]
    for name, log in d.replica_logs().items():
        assert "Traceback" not in log, f"{name}.log:\n{log[-3000:]}"


def test_mlp_sessions_through_the_proxy(open_session, tmp_path, wait_ready,
                                        assert_no_exception):
    step, epoch = tr("mlp.step", "en"), tr("mlp.epoch", "en")
    with harness.deployment(tmp_path / "run", replicas=2) as d:
        sessions = []
        for _ in range(2):
            context, page, seen = open_session(d.url + "/MLP?lang=en")
            wait_ready(page)
            assert_no_exception(page)
            assert wait_images(page) > 0
            sessions.append((context, page, seen))
        owners = [replica(c) for c, _, _ in sessions]
        assert sorted(owners) == ["r1", "r2"]

        # each session keeps its own network: 3 steps here, 1 there
        for (_, page, _), steps in zip(sessions, (3, 1)):
            assert metric(page, epoch) == 0
            for i in range(steps):
                click_until(page, wait_ready, step, epoch, i + 1)
        assert [metric(p, epoch) for _, p, _ in sessions] == [3, 1]

        # a reload: a new session on the same replica, still without errors
        context, page, seen = sessions[0]
        page.reload()
        wait_ready(page)
        assert_no_exception(page)
        assert wait_images(page) > 0
        assert replica(context) == owners[0]
        for _, _, seen in sessions:
            assert not failed(d, seen), failed(d, seen)
        for context, _, _ in sessions:
            context.close()
        assert len(logged_streams(d, 3)) >= 3
        check_sticky(d, set(owners))
        check_stopped(d)


def test_media_files_come_from_the_sessions_replica(open_session, tmp_path, wait_ready):
    app = tmp_path / "media_app.py"
    app.write_text(MEDIA_APP)
    with harness.deployment(tmp_path / "run", replicas=2, app=str(app)) as d:
        sessions = []
        for _ in range(2):
            context, page, seen = open_session(d.url + "/")
            wait_ready(page)
            for n in (1, 2):  # each rerun sends new pictures (new /media/ files)
                click_until(page, wait_ready, "More", "Count", n)
                assert wait_images(page) == 3
            sessions.append((context, page, seen))
        owners = [replica(c) for c, _, _ in sessions]
        assert sorted(owners) == ["r1", "r2"]

        for (_, page, seen), owner in zip(sessions, owners):
            media = [s for s, u in seen if "/media/" in u]
            assert len(media) >= 9 and set(media) == {200}, seen
            # a picture exists only in its replica: the other one has never heard of it
            src = page.locator("[data-testid=stImage] img").first.get_attribute("src")
            url = d.url + src if src.startswith("/") else src
            for name, expected in (("r1", owner == "r1"), ("r2", owner == "r2")):
                request = urllib.request.Request(url, headers={
                    "Cookie": f"{harness.COOKIE}={name}"})
                try:
                    status = urllib.request.urlopen(request, timeout=10).status
                except urllib.error.HTTPError as e:
                    status = e.code
                assert (status == 200) == expected, (name, owner, status)
        for context, _, _ in sessions:
            context.close()
        logged = [r for r in d.requests() if r.path.startswith("/media/")]
        assert len(logged) >= 18 and all(r.cookie for r in logged), logged
        assert len(logged_streams(d, 2)) >= 2
        check_sticky(d, set(owners))
        check_stopped(d)
