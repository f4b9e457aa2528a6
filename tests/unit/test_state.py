"""ui.state: URL parameters read with a type, a range and a default; junk gives a problem
text and the default, never an exception; settings round-trip through the URL text."""

from __future__ import annotations

import html as html_lib

import pytest
from markdown_it import MarkdownIt

from ui import state


@pytest.mark.parametrize(
    ("raw", "value", "bad"),
    [
        (None, 4, False),
        ("8", 8, False),
        ("8.0", 8, False),
        (["3", "5"], 5, False),  # repeated key: the last one, as a browser shows it
        ("abc", 4, True),
        ("2.5", 4, True),
        ("nan", 4, True),
        ("10000", 4, True),
        ("0", 4, True),
        ("-3", 4, True),
        ("", 4, True),
    ],
)
def test_read_int(raw, value, bad):
    params = {} if raw is None else {"neurons": raw}
    got, problem = state.read_int("neurons", 4, 1, 8, params)
    assert got == value and type(got) is int
    assert (problem is not None) == bad
    if bad:
        assert "neurons" in problem


@pytest.mark.parametrize(
    ("raw", "value", "bad"),
    [
        ("0.03", 0.03, False),
        ("1e-5", 1e-5, False),
        ("abc", 0.1, True),
        ("inf", 0.1, True),
        ("-inf", 0.1, True),
        ("nan", 0.1, True),
        ("11", 0.1, True),
    ],
)
def test_read_float(raw, value, bad):
    got, problem = state.read_float("lr", 0.1, 1e-5, 10.0, {"lr": raw})
    assert got == value
    assert (problem is not None) == bad
    if bad:
        assert f"lr={raw}" in problem


def test_read_choice():
    choices = ["circle", "xor", "spiral"]
    assert state.read_choice("dataset", "circle", choices, {"dataset": "xor"}) == ("xor", None)
    value, problem = state.read_choice("dataset", "circle", choices, {"dataset": "moons"})
    assert value == "circle" and "moons" in problem and "spiral" in problem
    # Non-string choices are matched by their text and returned with their own type.
    assert state.read_choice("n", 2, [1, 2, 3], {"n": "3"}) == (3, None)


@pytest.mark.parametrize(
    ("raw", "value", "bad"),
    [("1", True, False), ("off", False, False), ("TRUE", True, False), ("maybe", False, True)],
)
def test_read_bool(raw, value, bad):
    got, problem = state.read_bool("test", False, {"test": raw})
    assert got is value and (problem is not None) == bad


def test_read_choices_repeated_and_comma_forms():
    names = ["sigmoid", "tanh", "relu"]
    assert state.read_choices("g", ["tanh"], names, {"g": ["relu", "sigmoid"]}) == (
        ["relu", "sigmoid"], None,
    )
    assert state.read_choices("g", ["tanh"], names, {"g": "relu,sigmoid,relu"}) == (
        ["relu", "sigmoid"], None,
    )
    value, problem = state.read_choices("g", ["tanh"], names, {"g": "relu,bogus"})
    assert value == ["relu"] and "bogus" in problem
    value, problem = state.read_choices("g", ["tanh"], names, {"g": "bogus"})
    assert value == ["tanh"] and problem


def test_read_range():
    z = (-10, -5, 0, 5, 10)
    assert state.read_range("z", (-5, 5), z, {"z": "-10,5"}) == ((-10, 5), None)
    assert state.read_range("z", (-5, 5), z, {"z": ["0", "10"]}) == ((0, 10), None)
    for junk in ("5,-5", "3,4", "5", "0,0", "a,b"):
        value, problem = state.read_range("z", (-5, 5), z, {"z": junk})
        assert value == (-5, 5) and problem, junk


@pytest.mark.parametrize(
    ("value", "text"),
    [(True, "1"), (False, "0"), (0.07000000000000001, "0.07"), (1e-05, "1e-05"), (3.0, "3"),
     (12, "12"), ("relu", "relu")],
)
def test_format_value(value, text):
    assert state.format_value(value) == text


@pytest.mark.parametrize(
    "setting",
    [
        state.Setting("k", "n", "int", 4, 1, 8),
        state.Setting("k", "lr", "float", 0.03, 1e-5, 10.0),
        state.Setting("k", "d", "choice", "xor", choices=("circle", "xor")),
        state.Setting("k", "g", "choices", ["relu"], choices=("relu", "tanh", "elu")),
        state.Setting("k", "z", "range", (-5, 5), choices=(-10, -5, 0, 5, 10)),
        state.Setting("k", "b", "bool", True),
    ],
)
def test_setting_round_trips_through_url_text(setting):
    examples = {"int": 7, "float": 0.25, "choice": "circle", "choices": ["tanh", "elu"],
                "range": (0, 10), "bool": False}
    value = examples[setting.kind]
    text = (
        [state.format_value(v) for v in value]
        if isinstance(value, list | tuple) else state.format_value(value)
    )
    assert setting.read({setting.param: text}) == (value, None)
    assert setting.read({}) == (setting.default, None)
    assert setting.read({setting.param: "%%junk%%"})[1] is not None


def test_unknown_setting_kind_raises():
    with pytest.raises(ValueError, match="kind"):
        state.Setting("k", "p", "complex", 0).read({})


HOSTILE = [
    "`x`",
    "a``b",
    "``` fence",
    "[Click here to fix your settings](https://evil.example/login)",
    "sigmoid,![pixel](https://evil.example/t.png)",
    '<a href="https://evil.example">x</a>',
    '<img src="https://evil.example/t.png">',
    "$\\frac{1}{0}$",
    "line1\n# heading\n- item",
    "https://evil.example/autolink www.evil.example",
    "*em* **strong** :red[colour] :material/home:",
    "x" * 5000,
    "",
    "   ",
    "\u2028x\r\ny\t",
]


@pytest.mark.parametrize("raw", HOSTILE)
def test_inert_values_render_as_literal_code(raw):
    # issue 10: a value from the link is shown, never rendered as a link, image or HTML
    shown = state.inert(raw)
    html = MarkdownIt("commonmark").render(f"- note {shown} end")
    assert "<a" not in html and "<img" not in html and "<h1" not in html
    assert html.count("<code>") == 1 and html.count("<li>") == 1
    code = html.split("<code>")[1].split("</code>")[0]
    text = html_lib.unescape(code)
    expected = raw
    for ch, esc in (("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"), ("\u2028", "\\u2028")):
        expected = expected.replace(ch, esc)
    if len(expected) > state.MAX_SHOWN:
        assert text.endswith("…") and expected.startswith(text[:-1])
        assert len(text) == state.MAX_SHOWN
    elif expected.strip(" "):
        assert text == expected
    else:
        assert text == f'"{expected}"'


def test_problems_from_hostile_values_keep_them_in_one_code_span():
    raw = "sigmoid,[x](https://evil.example)"
    _, problem = state.read_choices("g", ["tanh"], ["sigmoid", "tanh"], {"g": raw})
    assert "`" in problem and "[x](https://evil.example)" in problem
    _, problem = state.read_int("n", 1, 0, 9, {"n": "![p](https://evil.example/t.png)"})
    assert "<img" not in MarkdownIt("commonmark").render(problem)


@pytest.mark.parametrize(
    ("raw", "value", "noted"),
    [("0.03", 0.03, False), ("3e-2", 0.03, False), ("0.05", 0.03, True), ("0.06", 0.1, True),
     ("abc", 0.1, True), ("1000", 0.1, True)],
)
def test_read_ladder_snaps_to_the_nearest_stop_and_says_so(raw, value, noted):
    stops = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
    got, problem = state.read_ladder("lr", 0.1, stops, {"lr": raw})
    assert got == value and (problem is not None) == noted
    if noted and raw in ("0.05", "0.06"):
        assert state.format_value(value) in problem  # the value actually used is named


@pytest.mark.parametrize(
    ("raw", "value", "noted"),
    [("0", 0.0, False), ("0.0", 0.0, False), ("0.001", 0.001, False), ("1e-9", 0.001, True),
     ("-1", 0.0, True)],
)
def test_a_ladder_may_start_at_zero(raw, value, noted):
    got, problem = state.read_ladder("r", 0.0, (0.0, 0.001, 0.01), {"r": raw})
    assert got == value and (problem is not None) == noted


@pytest.mark.parametrize(
    ("raw", "value", "noted"),
    [("8,8", (8, 8), False), (["8", "4"], (8, 4), False), ("8.0, 2", (8, 2), False),
     ("0", (), False), ("", (), False), ("none", (), False), ("9", (4, 2), True),
     ("1,1,1,1", (4, 2), True), ("2.5", (4, 2), True), ("a", (4, 2), True),
     ("nan", (4, 2), True), ("-1", (4, 2), True)],
)
def test_read_ints_reads_a_list_of_widths(raw, value, noted):
    got, problem = state.read_ints("layers", (4, 2), 1, 8, (0, 3), {"layers": raw})
    assert got == value and (problem is not None) == noted
    if noted:
        assert "4,2" in problem and "8" in problem


def test_read_ints_with_a_separator_and_a_fewest_count():
    assert state.read_ints("s", (2, 3, 1), 1, 4, (2, 5), {"s": "3-4-2"}, sep="-") == ((3, 4, 2),
                                                                                    None)
    got, problem = state.read_ints("s", (2, 3, 1), 1, 4, (2, 5), {"s": "3"}, sep="-")
    assert got == (2, 3, 1) and "2-3-1" in problem
    got, problem = state.read_ints("s", (2, 3, 1), 1, 4, (2, 5), {"s": "0"}, sep="-")
    assert got == (2, 3, 1) and problem  # no empty list when at least 2 are needed


@pytest.mark.parametrize(
    ("raw", "value", "noted"),
    [("1,2", (1.0, 2.0, 0.3), False), ("5", (5.0, -1.0, 0.3), False),
     ("1,2,3", (1.0, 2.0, 3.0), False), ("1,x", (0.5, -1.0, 0.3), True),
     ("1,inf", (0.5, -1.0, 0.3), True), ("200", (0.5, -1.0, 0.3), True)],
)
def test_read_floats_pads_with_the_default(raw, value, noted):
    got, problem = state.read_floats("x", (0.5, -1.0, 0.3), -100.0, 100.0, {"x": raw})
    assert got == value and (problem is not None) == noted


def test_a_setting_whose_limits_depend_on_another_and_held_by_several_widgets():
    def put(ss, layers):
        ss["depth"] = len(layers)
        for i, u in enumerate(layers):
            ss[f"u{i}"] = u

    def get(ss):
        return tuple(ss[f"u{i}"] for i in range(ss["depth"]))

    table = [
        state.Setting("big", "big", "bool", False),
        state.Setting("depth", "layers", "ints", (4, 2), 1, 8, count=(0, 6), put=put, get=get,
                      limits=lambda v: {"hi": 64 if v["big"] else 8}),
    ]
    values, problems = state.read_all(table, {"big": "1", "layers": "32,16"})
    assert values == {"big": True, "depth": (32, 16)} and problems == []
    values, problems = state.read_all(table, {"layers": "32,16"})
    assert values["depth"] == (4, 2) and len(problems) == 1
    # a value already known is kept, and its limits apply to what comes after it
    values, _ = state.read_all(table, {"layers": "32"}, known={"big": True})
    assert values["depth"] == (32,)
    ss: dict = {}
    table[1].store(ss, (3, 5, 7))
    assert ss == {"depth": 3, "u0": 3, "u1": 5, "u2": 7} and table[1].value(ss) == (3, 5, 7)
    assert table[1].text((3, 5, 7)) == "3,5,7" and table[1].text(()) == "0"


def test_valid_rejects_a_value_that_does_not_fit_with_the_settings_before_it():
    table = [
        state.Setting("out", "out", "choice", "sigmoid", choices=("sigmoid", "linear")),
        state.Setting("y", "y", "floats", (1.0,), -100.0, 100.0,
                      valid=lambda y, v: v["out"] != "sigmoid" or set(y) <= {0.0, 1.0}),
    ]
    assert state.read_all(table, {"y": "0"})[0]["y"] == (0.0,)
    values, problems = state.read_all(table, {"y": "0.5"})
    assert values["y"] == (1.0,) and "y=0.5" in problems[0]
    assert state.read_all(table, {"y": "0.5", "out": "linear"}) == (
        {"out": "linear", "y": (0.5,)}, [])
