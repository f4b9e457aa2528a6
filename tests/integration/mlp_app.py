"""What the MLP page's AppTest files share (``test_app_mlp*.py``): the page, a run that
fails on an exception, the session's Playground and the link's parameters. The ``mlp``
fixture that opens the page is in ``tests/integration/conftest.py``."""

from __future__ import annotations

from nncore.playground import Playground

PAGE = "pages/3_MLP.py"
#: seconds an AppTest run of the MLP page may take (a busy 2-core machine, two workers)
TIMEOUT = 120


def run(obj: object) -> object:
    """Run the app (``obj``: the AppTest or a widget just set); fail on an exception."""
    at = obj.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def pg(at: object) -> Playground:
    """The session's Playground (``ui.mlp.actions.PG_KEY``)."""
    return at.session_state["mlp_pg"]


def query(at: object) -> dict[str, str]:
    """The link's parameters now (the last value of a repeated one)."""
    return {k: at.query_params.get(k) for k in at.query_params.keys()}
