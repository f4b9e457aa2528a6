"""Every UI string exists in every language, with the same placeholders, in the module its
prefix names, and every key the code asks for exists."""

from __future__ import annotations

import re
import string
import types
from pathlib import Path

import pytest

from nncore import activations
from ui import frame
from ui.i18n import LANGS, MODULES, STRINGS, merge, tr

ROOT = Path(__file__).resolve().parents[2]
CODE = [
    p
    for folder in ("ui", "pages")
    for p in (ROOT / folder).rglob("*.py")
] + [ROOT / "streamlit_app.py"]
# t("key"...) or tr("key", ...) with a whole literal key (not t("prefix." + name)).
LITERAL_KEY = re.compile(r"""\btr?\(\s*["']([A-Za-z0-9_.]+)["']\s*[,)]""")


def placeholders(text: str) -> set[str]:
    """Field names of a str.format template ({name}, {name:.2f} -> "name")."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_every_key_has_every_language_non_empty():
    problems = [
        (key, lang)
        for key, texts in STRINGS.items()
        for lang in LANGS
        if not isinstance(texts.get(lang), str) or not texts[lang].strip()
    ]
    assert problems == []
    assert all(set(texts) == set(LANGS) for texts in STRINGS.values())


def test_placeholders_match_between_languages():
    mismatched = {
        key: {lang: sorted(placeholders(texts[lang])) for lang in LANGS}
        for key, texts in STRINGS.items()
        if len({frozenset(placeholders(texts[lang])) for lang in LANGS}) > 1
    }
    assert mismatched == {}


def test_placeholder_check_catches_a_mismatch():
    # The oracle of the test above must be able to fail.
    assert placeholders("{a} and {b:.2f}") == {"a", "b"}
    assert placeholders("{a}") != placeholders("{{a}} literal")


def test_every_template_formats():
    # Unbalanced braces would raise at runtime in one language only.
    broken = []
    for key, texts in STRINGS.items():
        for lang in LANGS:
            try:
                texts[lang].format(**dict.fromkeys(placeholders(texts[lang]), 1))
            except (ValueError, IndexError, KeyError) as e:
                broken.append((key, lang, str(e)))
    assert broken == []


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_literal_keys_used_in_code_exist(path):
    used = set(LITERAL_KEY.findall(path.read_text(encoding="utf-8")))
    assert used - set(STRINGS) == set()


def test_keys_built_from_names_exist():
    needed = [f"nav.{p.id}" for p in frame.PAGES]
    needed += [f"home.card.{p.id}" for p in frame.PAGES if p.id != "home"]
    needed += [f"act.{kind}.{n}" for n in activations.names() for kind in ("name", "about")]
    assert [k for k in needed if k not in STRINGS] == []


def test_tr_picks_the_language_and_formats():
    assert tr("nav.home", "en") == "Home"
    assert tr("nav.home", "zh") == "首页"
    text = tr("state.not_choice", "en", setting="`lang=fr`", choices="en, zh", default="en")
    assert "lang=fr" in text and "en, zh" in text
    assert tr("nav.home", "xx") == "Home"  # unknown language -> the default one
    with pytest.raises(KeyError):
        tr("no.such.key", "en")


def test_every_key_lives_in_the_module_its_prefix_names():
    owner = {prefix: m.__name__ for m in MODULES for prefix in m.PREFIXES}
    # No prefix is claimed by two modules (the dict above would hide one of them).
    assert sum(len(m.PREFIXES) for m in MODULES) == len(owner)
    misplaced = [
        (key, m.__name__, owner.get(key.split(".")[0]))
        for m in MODULES
        for key in m.STRINGS
        if owner.get(key.split(".")[0]) != m.__name__
    ]
    assert misplaced == []
    assert sum(len(m.STRINGS) for m in MODULES) == len(STRINGS)


def test_merge_refuses_a_key_defined_twice():
    a = types.SimpleNamespace(__name__="a", STRINGS={"x.one": {"en": "1"}})
    b = types.SimpleNamespace(__name__="b", STRINGS={"x.one": {"en": "2"}})
    assert merge((a,)) == {"x.one": {"en": "1"}}
    with pytest.raises(ValueError, match="x.one"):
        merge((a, b))
