"""The colour-blind-safe palette setting (issue 30): ``?palette=`` read from a link, the
colours each palette gives every picture that colours classes, and the names the text
alternatives say. Oracles: Okabe and Ito's published colours, TFP's, the Machado
simulation of ``ui.a11y_palette``."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from ui import a11y_palette as pal
from ui import boundary, describe, state
from ui.mlp import raster
from ui.mlp import view as mlp_view
from ui.optimizers import view as opt_view

#: Okabe & Ito (2008), in the app's class order
OKABE_ITO_HEX = ["#e69f00", "#0072b2", "#009e73", "#d55e00", "#cc79a7", "#56b4e9",
                 "#f0e442", "#000000"]
TFP_HEX = ["#f59322", "#0877bd", "#2ca02c", "#945ab8", "#d62728", "#8c564b", "#e377c2",
           "#17becf"]


# ---------------------------------------------------------------- reading the link


@pytest.mark.parametrize(("params", "want"), [
    ({"palette": "cb"}, "cb"),
    ({"palette": "default"}, "default"),
    ({"palette": ["default", "cb"]}, "cb"),  # a repeated key: the last, as a browser shows
])
def test_a_valid_palette_is_read_without_a_problem(params, want):
    assert state.read_palette("default", params) == (want, None)


@pytest.mark.parametrize("fallback", ["default", "cb"])
def test_without_the_parameter_the_fallback_is_kept(fallback):
    assert state.read_palette(fallback, {}) == (fallback, None)
    assert state.read_palette(fallback, {"lang": "zh"}) == (fallback, None)


def test_the_default_fallback_is_the_default_palette():
    assert state.read_palette(params={}) == ("default", None)
    assert state.read_palette("junk", {}) == ("default", None)  # a stale session value
    assert state.PALETTE_NAMES[0] == boundary.DEFAULT_PALETTE
    assert set(state.PALETTE_NAMES) == set(boundary.PALETTES)


@pytest.mark.parametrize("raw", ["CB", "okabe", "", "1", "cb;", "<b>x</b>", "x" * 500])
def test_junk_gives_the_fallback_and_a_notice_naming_it(raw):
    for fallback in ("default", "cb"):
        value, problem = state.read_palette(fallback, {"palette": raw})
        assert value == fallback
        assert problem and "palette=" in problem
        assert "\n" not in problem and len(problem) < 400  # inert, cut: never a wall of text


def test_palette_is_a_frame_parameter_no_page_drops():
    assert "palette" in state.FRAME_PARAMS
    params = {"palette": "cb", "lr": "0.03"}
    assert state.drop_unknown(["lr"], params) is None


# ---------------------------------------------------------------- the colours


def test_each_palette_gives_its_class_colours():
    assert boundary.class_colours(8) == TFP_HEX  # the default: as every link always showed
    assert boundary.class_colours(8, "default") == TFP_HEX
    assert boundary.class_colours(8, "cb") == OKABE_ITO_HEX
    assert boundary.class_colours(10, "cb")[8:] == OKABE_ITO_HEX[:2]  # cycling after eight
    assert [boundary.hex_colour(c) for c in boundary.class_rgb(6, "cb")] == OKABE_ITO_HEX[:6]


def test_an_unknown_palette_is_refused():
    with pytest.raises(ValueError, match="palette"):
        boundary.class_colours(2, "okabe")
    with pytest.raises(ValueError, match="palette"):
        boundary.boundary_rgb(np.zeros((3, 3)), "binary", palette="okabe")


@pytest.mark.parametrize("kind", ["normal", "protanopia", "deuteranopia", "tritanopia"])
def test_the_cb_palettes_classes_stay_apart_under_every_simulated_deficiency(kind):
    """What the setting is for: the first six classes (the most a data set has) at
    ΔE00 >= 10 for each reader (measured: 10.9 at worst), where the default palette drops
    below 5 for protanopes and deuteranopes."""
    assert pal.min_distance(boundary.PALETTES["cb"][:6], kind)[0] >= 10
    if kind in ("protanopia", "deuteranopia"):
        assert pal.min_distance(boundary.PALETTES["default"][:6], kind)[0] < 5


@pytest.mark.parametrize("palette", ["default", "cb"])
def test_boundary_pictures_use_the_palettes_colours(palette):
    orange, blue = boundary.PALETTES[palette][:2]
    # binary: P(class 1) 0 -> class 0's colour, 1 -> class 1's, 0.5 -> the grey between
    rgb = boundary.boundary_rgb(np.array([[0.0, 0.5, 1.0]]), "binary", palette=palette)
    assert [tuple(int(v) for v in c) for c in rgb[0]] == [orange, boundary.GREY, blue]
    # the decided class of each of four classes, in its colour
    V = np.eye(4)[None, :, :]  # (1, 4, 4): cell j sure of class j
    rgb = boundary.boundary_rgb(V, "multiclass", discretize=True, palette=palette)
    assert [tuple(int(v) for v in c) for c in rgb[0]] == list(boundary.PALETTES[palette][:4])
    # regression: the same diverging ends
    rgb = boundary.boundary_rgb(np.array([[-1.0, 1.0]]), "regression", palette=palette)
    assert [tuple(int(v) for v in c) for c in rgb[0]] == [orange, blue]
    scale = boundary.colour_scale("regression", palette=palette).to_dict()
    assert scale["range"] == [boundary.hex_colour(c) for c in (orange, boundary.GREY, blue)]


def test_the_default_palette_draws_exactly_what_it_drew_before():
    """Every existing link opens the same pictures: the default tables are TFP's."""
    s = np.linspace(-1, 1, 257)
    o, g, b = (np.asarray(c, float) for c in (boundary.ORANGE, boundary.GREY, boundary.BLUE))
    want = np.round(np.where(s[:, None] < 0, g + (-s[:, None]) * (o - g),
                             g + s[:, None] * (b - g))).astype(np.uint8)
    got = boundary.boundary_rgb(s[None, :], "regression")[0]
    assert np.array_equal(got, want)
    assert np.array_equal(boundary.boundary_rgb(s[None, :], "regression", palette="default")[0],
                          want)


@pytest.mark.parametrize("palette", ["default", "cb"])
def test_the_altair_scatter_colours_classes_in_the_palette(palette):
    layers = boundary.boundary_layers(boundary.image_frame(
        boundary.boundary_png(np.zeros((3, 3)))), boundary.point_frame(
        np.zeros((3, 2)), np.arange(3), "train"), kind="multiclass", n_classes=3,
        palette=palette)
    spec = layers[1].to_dict()
    assert spec["encoding"]["color"]["scale"]["range"] == boundary.class_colours(3, palette)


@pytest.mark.parametrize("palette", ["default", "cb"])
def test_the_live_raster_stamps_points_in_the_palettes_colours(palette):
    """The MLP's JPEG boundary: a large point's centre is its class colour exactly."""
    X = np.array([[-3.0, 0.0], [0.0, 0.0], [3.0, 0.0]])
    frame = raster.plot([(X, np.arange(3), "train")], "multiclass", 3, radius=8.0,
                        palette=palette)
    px, py = frame.to_px(X[:, 0], X[:, 1])
    for k, (a, b) in enumerate(zip(px, py, strict=True)):
        got = frame.overlay.getpixel((int(a + 0.5), int(b + 0.5)))
        assert got == (*boundary.PALETTES[palette][k], 255)


@pytest.mark.parametrize("palette", ["default", "cb"])
def test_neuron_maps_thumbnails_and_race_pictures_follow_the_palette(palette):
    cols = boundary.PALETTES[palette]
    M = np.ones((2, 2, 3))  # three output units, each sure
    rgb = mlp_view.layer_rgb(M, (0.0, 1.0), "multiclass", palette=palette)
    assert [tuple(int(v) for v in rgb[0, 0, j]) for j in range(3)] == list(cols[:3])
    one = mlp_view.layer_rgb(M[:, :, :1], (0.0, 1.0), "multiclass", first_unit=2,
                             palette=palette)
    assert tuple(int(v) for v in one[0, 0, 0]) == cols[2]
    png = mlp_view.thumbnail_png(np.array([[0.0, 0.0]]), np.array([2]), "multiclass",
                                 palette=palette)
    img = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    assert cols[2] in {tuple(int(v) for v in p) for p in img.reshape(-1, 3)}
    png = opt_view.small_boundary(np.full((4, 4), 0.5), np.array([[0.0, 0.0]]), np.array([1]),
                                  palette=palette)
    img = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    assert cols[1] in {tuple(int(v) for v in p) for p in img.reshape(-1, 3)}


# ---------------------------------------------------------------- the spoken names


def test_text_alternatives_name_the_palettes_colours():
    assert [describe.colour_name(k, "en") for k in range(3)] == ["orange", "blue", "green"]
    assert [describe.colour_name(k, "en", "cb") for k in range(8)] == [
        "orange", "blue", "bluish green", "vermillion", "reddish purple", "sky blue",
        "yellow", "black"]
    assert describe.colour_name(2, "zh", "cb") == "蓝绿色"
    # a boundary that decides class 2 everywhere is said to be the palette's third colour
    V = np.zeros((5, 5, 3))
    V[:, :, 2] = 1.0
    cb = describe.boundary_text("en", V, "multiclass", 10, 1.0, 0, 50, palette="cb")
    default = describe.boundary_text("en", V, "multiclass", 10, 1.0, 0, 50)
    assert "centre bluish green" in cb and "green" in default and "bluish" not in default
