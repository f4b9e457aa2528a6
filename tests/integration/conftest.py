"""Fixtures of the integration tier (the shared ones, ``open_page`` among them, are in
``tests/conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.integration.mlp_app import PAGE, TIMEOUT


@pytest.fixture
def mlp(open_page: Callable[..., object]) -> Callable[..., object]:
    """``mlp(lang="en", **url_params) -> AppTest`` of the MLP page after a run without an
    exception."""

    def _open(lang: str = "en", **params: object) -> object:
        at = open_page(PAGE, lang=lang, timeout=TIMEOUT, **params)
        assert not at.exception, [e.message for e in at.exception]
        return at

    return _open
