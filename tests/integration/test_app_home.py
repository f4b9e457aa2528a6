"""The home page and the shared frame under AppTest: both languages, the language switch,
the URL, the sidebar navigation."""

from __future__ import annotations

import pytest

from ui import frame
from ui.i18n import LANG_KEY, STRINGS, TUTORIAL_URL, tr


def sidebar_links(at) -> dict[str, object]:
    """Sidebar page links by label."""
    return {link.proto.label: link.proto for link in at.sidebar.get("page_link")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_home_loads_in_both_languages(open_page, no_exception, lang):
    at = open_page("streamlit_app.py", lang=lang)
    no_exception(at)
    assert at.title[0].value == tr("home.title", lang)
    text = " ".join(m.value for m in at.markdown)
    for info in frame.PAGES[1:]:
        assert tr(f"home.card.{info.id}", lang) in text
    # one "Open" link per page card, to the right page, keeping the language
    cards = [p.proto for p in at.main.get("page_link")]
    assert [c.label for c in cards] == [tr("home.open", lang)] * 7
    assert [c.page for c in cards] == ["Activations", "Neuron", "MLP", "Backprop", "Lessons",
                                       "Optimizers", "Class"]
    assert {c.query_string for c in cards} == {f"lang={lang}"}
    assert at.get("link_button")[0].proto.url == TUTORIAL_URL
    assert "zergtant/pytorch-handbook" in TUTORIAL_URL and "2.3" in TUTORIAL_URL


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sidebar_navigation_is_translated_and_keeps_the_language(open_page, lang):
    at = open_page("streamlit_app.py", lang=lang)
    links = sidebar_links(at)
    assert list(links) == [tr(f"nav.{p.id}", lang) for p in frame.PAGES]
    assert {link.query_string for link in links.values()} == {f"lang={lang}"}


def test_navigation_links_bring_back_a_pages_settings(open_page, no_exception):
    # a user sets up the MLP page, goes to another page and back by the sidebar
    at = open_page("pages/3_MLP.py", lang="zh", dataset="xor", layers="3,2", lr="0.1")
    at.slider(key="mlp_noise").set_value(25).run()
    at.switch_page("pages/1_Activations.py").run()
    no_exception(at)
    mlp = sidebar_links(at)[tr("nav.mlp", "zh")]
    query = dict(part.split("=") for part in mlp.query_string.split("&"))
    assert query["lang"] == "zh" and query["dataset"] == "xor" and query["noise"] == "25"
    assert query["layers"] in ("3%2C2", "3,2") and query["lr"] == "0.1"
    # a page never visited keeps only the language
    assert sidebar_links(at)[tr("nav.neuron", "zh")].query_string == "lang=zh"
    # the link's parameters alone (a fresh session) rebuild the page as it was
    params = {k: v.replace("%2C", ",") for k, v in query.items() if k != "lang"}
    fresh = open_page("pages/3_MLP.py", lang="zh", **params)
    no_exception(fresh)
    assert fresh.session_state["mlp_dataset"] == "xor" and fresh.session_state["mlp_noise"] == 25
    assert fresh.session_state["mlp_lr"] == 0.1


def test_language_switch_changes_text_and_keeps_other_params(open_page, no_exception):
    at = open_page("pages/1_Activations.py", lang="en", g="relu,tanh")
    at.get("button_group")[0].set_value("zh").run()
    no_exception(at)
    assert at.title[0].value == STRINGS["nav.activations"]["zh"]
    assert at.query_params["lang"] == "zh"
    assert at.query_params["g"] in (["relu", "tanh"], "relu,tanh")
    assert at.session_state[LANG_KEY] == "zh"


@pytest.mark.parametrize("path", ["streamlit_app.py", "pages/1_Activations.py"])
def test_unknown_parameters_are_dropped_with_one_notice(open_page, no_exception, path):
    # issue 11: junk in lang and an unknown parameter give one notice box, and the junk
    # does not live on in the link
    at = open_page(path, lang="xx", foo="3", **{"bar[1]": "y"})
    no_exception(at)
    assert "foo" not in at.query_params and "bar[1]" not in at.query_params
    assert at.query_params["lang"] == "en"
    assert len(at.warning) == 1
    body = at.warning[0].value
    assert body.startswith(STRINGS["state.notice_header"]["en"])
    assert "lang=xx" in body and "foo" in body and "bar[1]" in body
    at.run()  # the next run has nothing left to say
    assert len(at.warning) == 0


def test_language_is_written_to_the_url_and_remembered(open_page):
    at = open_page("streamlit_app.py", lang="zh")
    del at.query_params["lang"]  # e.g. a hand-typed URL without ?lang
    at.run()
    assert at.title[0].value == tr("home.title", "zh")  # the session remembers
    assert "lang" in at.query_params  # and the URL gets it back


def test_junk_language_gives_a_notice_and_english(open_page, no_exception):
    at = open_page("streamlit_app.py", lang="fr")
    no_exception(at)
    assert at.title[0].value == tr("home.title", "en")
    assert any("lang=fr" in w.value for w in at.warning)


@pytest.mark.parametrize(
    ("locale", "accept", "lang"),
    [
        ("zh-CN", None, "zh"),
        ("zh_TW", None, "zh"),
        ("zh-Hans-CN", None, "zh"),
        ("en-GB", None, "en"),
        ("fr-FR", None, None),
        (None, "fr;q=0.9, zh-TW;q=0.8, en;q=0.7", "zh"),
        ("fr", "de, en-US;q=0.5", "en"),
        (None, None, None),
    ],
)
def test_lang_from_locale(locale, accept, lang):
    assert frame.lang_from_locale(locale, accept) == lang


def test_page_urls_follow_the_file_names():
    assert [p.url_path for p in frame.PAGES] == [
        "", "Activations", "Neuron", "MLP", "Backprop", "Lessons", "Optimizers", "Class"]
