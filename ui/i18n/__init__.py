"""Every UI string of the app, in English and Chinese, and ``t(key)`` to look one up.

``STRINGS[key] = {"en": ..., "zh": ...}``; a key names its page first (``home.``,
``act.``, ``neuron.``, ``mlp.``, ``bp.``; ``common.``/``nav.``/``state.`` are shared).
Each page's strings live in their own module of this package (``common``, ``home``,
``activations``, ``neuron``, ``mlp``, ``backprop``, ``lessons``, ``optimizers``,
``classroom``; each lists the prefixes it owns in
``PREFIXES``), merged here into one ``STRINGS``. Strings are ``str.format`` templates
(``{alpha}``; a literal brace is ``{{``); both languages must use the same placeholders
(tests/test_i18n.py checks that, that no language is missing, and that every key lives in
the module its prefix names).

The current language lives in ``st.session_state[LANG_KEY]`` (set by ``ui.frame.page``),
so ``t`` needs no language argument inside a page; ``tr(key, lang)`` is the pure form.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import streamlit as st

from ui.i18n import (
    a11y,
    activations,
    backprop,
    classroom,
    common,
    home,
    lessons,
    mlp,
    mlp_explore,
    neuron,
    optimizers,
)

LANGS: tuple[str, ...] = ("en", "zh")
DEFAULT_LANG = "en"
LANG_NAMES: dict[str, str] = {"en": "English", "zh": "中文"}
# Session-state key holding the language of the current session.
LANG_KEY = "ui_lang"

TUTORIAL_URL = (
    "https://github.com/zergtant/pytorch-handbook/blob/master/chapter2/"
    "2.3-deep-learning-neural-network-introduction.ipynb"
)

# The string modules, in the order their keys appear in STRINGS.
MODULES: tuple[ModuleType, ...] = (common, home, activations, neuron, mlp, mlp_explore,
                                   backprop, lessons, optimizers, classroom, a11y)


def merge(modules: tuple[ModuleType, ...]) -> dict[str, dict[str, str]]:
    """The ``STRINGS`` of ``modules`` in one dict.

    Raises ValueError if two modules define the same key: a plain ``dict.update`` would
    let the later one win silently.
    """
    merged: dict[str, dict[str, str]] = {}
    for module in modules:
        clash = merged.keys() & module.STRINGS.keys()
        if clash:
            raise ValueError(f"ui.i18n: {module.__name__} redefines {sorted(clash)}")
        merged.update(module.STRINGS)
    return merged


STRINGS: dict[str, dict[str, str]] = merge(MODULES)


def tr(key: str, lang: str, **fmt: object) -> str:
    """The string ``key`` in language ``lang``, formatted with ``fmt``.

    Raises KeyError for an unknown key (a programming error that the AppTest tests catch).
    """
    # Always format, so a literal brace is written {{ }} in every string alike.
    return STRINGS[key][lang if lang in LANGS else DEFAULT_LANG].format(**fmt)


# t looks current_lang up in this module at each call, so tests/fuzz_support.py can
# replace ui.i18n.current_lang; keep both here rather than in a submodule.
def current_lang() -> str:
    """The language of the current session (``DEFAULT_LANG`` outside a page run)."""
    try:
        lang = st.session_state.get(LANG_KEY, DEFAULT_LANG)
    except Exception:  # noqa: BLE001 - no session (bare import): fall back to the default
        return DEFAULT_LANG
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, **fmt: object) -> str:
    """The string ``key`` in the current session's language, formatted with ``fmt``."""
    return tr(key, current_lang(), **fmt)


def labeller(prefix: str, lang: str) -> Callable[[object], str]:
    """A widget's ``format_func``: ``value -> tr(f"{prefix}.{value}", lang)`` (a pure
    function of the value, so AppTest can format options outside a run too)."""
    return lambda value: tr(f"{prefix}.{value}", lang)
