"""ui.boundary: PNG pixels against the grid values, and the chart layers around them."""

from __future__ import annotations

import base64
import io

import altair as alt
import numpy as np
import pytest
from PIL import Image

from ui import boundary, charts
from ui.boundary import BLUE, CLASS_COLOURS, GREY, ORANGE


def _grid(n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """x1, x2 on the documented orientation: V[i, j] at x1 = xs[j], x2 = xs[i]."""
    xs = np.linspace(-6, 6, n)
    return np.meshgrid(xs, xs)


def _pixels(png: bytes) -> np.ndarray:
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG"
    return np.asarray(img.convert("RGB"))


def test_left_half_one_is_blue_right_half_zero_is_orange():
    X1, _ = _grid()
    V = (X1 < 0).astype(float)
    px = _pixels(boundary.boundary_png(V, "binary"))
    assert px.shape == (40, 40, 3)
    assert (px[:, :20] == BLUE).all()
    assert (px[:, 20:] == ORANGE).all()


def test_x2_grows_upwards_in_the_image():
    _, X2 = _grid()
    V = (X2 > 0).astype(float)  # class 1 in the upper half of the plane
    px = _pixels(boundary.boundary_png(V, "binary"))
    assert (px[:20] == BLUE).all(), "image top rows must be the largest x2"
    assert (px[20:] == ORANGE).all()


def test_one_asymmetric_pixel_lands_where_the_grid_says():
    V = np.zeros((5, 5))
    V[0, 4] = 1.0  # lowest x2 (bottom row), largest x1 (right column)
    px = _pixels(boundary.boundary_png(V))
    assert tuple(px[4, 4]) == BLUE  # image row 4 is the bottom
    assert (px.reshape(-1, 3) == BLUE).all(axis=1).sum() == 1


def test_binary_gradient_is_tfp_scale():
    V = np.array([[0.0, 0.25, 0.5, 0.75, 1.0]])
    px = _pixels(boundary.boundary_png(V))[0].astype(float)
    o, g, b = (np.array(c, float) for c in (ORANGE, GREY, BLUE))
    expected = [o, (o + g) / 2, g, (g + b) / 2, b]  # linear in RGB between the stops
    for got, want in zip(px, expected, strict=True):
        assert np.abs(got - want).max() <= 1.0


def test_regression_scale_is_minus_one_to_one():
    V = np.array([[-1.0, 0.0, 1.0, 5.0, -7.0]])  # values beyond [-1, 1] are clipped
    px = _pixels(boundary.boundary_png(V, "regression"))[0]
    assert [tuple(p) for p in px] == [ORANGE, GREY, BLUE, BLUE, ORANGE]


def test_discretize_thresholds_at_one_half_and_at_zero():
    V = np.array([[0.49, 0.51]])
    px = _pixels(boundary.boundary_png(V, "binary", discretize=True))[0]
    assert [tuple(p) for p in px] == [ORANGE, BLUE]
    R = np.array([[-0.01, 0.01]])
    px = _pixels(boundary.boundary_png(R, "regression", discretize=True))[0]
    assert [tuple(p) for p in px] == [ORANGE, BLUE]


def test_multiclass_sure_points_get_their_class_colour_and_uniform_is_grey():
    P = np.zeros((1, 4, 3))
    P[0, 0] = [1, 0, 0]
    P[0, 1] = [0, 1, 0]
    P[0, 2] = [0, 0, 1]
    P[0, 3] = [1 / 3, 1 / 3, 1 / 3]
    px = _pixels(boundary.boundary_png(P, "multiclass"))[0]
    assert [tuple(p) for p in px[:3]] == list(CLASS_COLOURS[:3])
    assert tuple(px[3]) == GREY


def test_multiclass_blends_towards_the_likelier_class():
    P = np.array([[[0.6, 0.4, 0.0]]])
    rgb = boundary.boundary_rgb(P, "multiclass")[0, 0].astype(float)
    o, g, b = (np.array(c, float) for c in (ORANGE, GREY, BLUE))
    mix = 0.6 * o + 0.4 * b
    conf = (0.6 - 1 / 3) / (2 / 3)
    assert np.abs(rgb - (g + conf * (mix - g))).max() <= 0.5


def test_multiclass_discretize_is_argmax():
    P = np.array([[[0.2, 0.3, 0.5], [0.4, 0.35, 0.25]]])
    px = _pixels(boundary.boundary_png(P, "multiclass", discretize=True))[0]
    assert [tuple(p) for p in px] == [CLASS_COLOURS[2], CLASS_COLOURS[0]]


def test_non_finite_values_render_neutral_not_garbage():
    V = np.array([[np.nan, np.inf, -np.inf]])
    px = _pixels(boundary.boundary_png(V, "regression"))[0]
    assert [tuple(p) for p in px] == [GREY, BLUE, ORANGE]


@pytest.mark.parametrize(
    ("V", "kind"),
    [(np.zeros((3, 3, 2)), "binary"), (np.zeros((3, 3)), "multiclass"), (np.zeros(3), "binary")],
)
def test_wrong_shapes_raise_value_error(V, kind):
    with pytest.raises(ValueError, match="shape"):
        boundary.boundary_png(V, kind)


def test_unknown_kind_raises():
    with pytest.raises(ValueError, match="kind"):
        boundary.boundary_png(np.zeros((2, 2)), "ternary")


def test_payload_of_a_100_grid_is_small():
    X1, X2 = _grid(100)
    V = 1 / (1 + np.exp(-(X1**2 + X2**2 - 9)))
    assert len(boundary.boundary_png(V)) < 16 * 1024


def _layers(image_data, point_data, **kw) -> tuple[dict, list]:
    spec = alt.layer(*boundary.boundary_layers(image_data, point_data, **kw)).to_dict()
    return spec, spec["layer"]


def test_layers_put_the_image_under_the_points_on_fixed_axes():
    X1, _ = _grid()
    png = boundary.boundary_png((X1 < 0).astype(float))
    X = np.array([[-1.0, 2.0], [3.0, -4.0]])
    pts = boundary.point_frame(X, np.array([1, 0]), "train")
    spec, layers = _layers(boundary.image_frame(png, (-6, 6)), pts, domain=(-6, 6))
    # the points: filled markers, a circle for class 0 and a square for class 1 (issue 30:
    # classes differ by shape as well as colour)
    assert [lay["mark"]["type"] for lay in layers] == ["image", "point"]
    assert layers[1]["mark"]["filled"] is True
    assert layers[1]["encoding"]["shape"]["scale"] == {"domain": [0, 1],
                                                       "range": ["circle", "square"]}
    enc = layers[0]["encoding"]
    assert enc["x"]["scale"]["domain"] == [-6.0, 6.0]
    assert enc["y"]["scale"]["domain"] == [-6.0, 6.0]
    # pixel centres sit on linspace(-6, 6, 40): the image reaches half a pixel further
    img = spec["datasets"][layers[0]["data"]["name"]][0]
    half = 12 / 39 / 2
    assert img["x"] == pytest.approx(-6 - half) and img["x2"] == pytest.approx(6 + half)
    assert img["y"] == pytest.approx(6 + half) and img["y2"] == pytest.approx(-6 - half)
    assert layers[0]["mark"]["clip"] is True
    assert base64.b64decode(img["url"].split(",", 1)[1]) == png
    dots = spec["datasets"][layers[1]["data"]["name"]]
    assert [(d["x1"], d["x2"], d["label"], d["set"]) for d in dots] == [
        (-1.0, 2.0, 1, "train"),
        (3.0, -4.0, 0, "train"),
    ]
    colour = layers[1]["encoding"]["color"]["scale"]
    assert colour["domain"] == [0, 1]
    assert colour["range"] == ["#f59322", "#0877bd"]


def test_layers_without_points_are_the_image_alone():
    png = boundary.boundary_png(np.zeros((4, 4)))
    _, layers = _layers(boundary.image_frame(png), None)
    assert [lay["mark"]["type"] for lay in layers] == ["image"]


def test_regression_points_use_a_continuous_scale():
    png = boundary.boundary_png(np.zeros((4, 4)), "regression")
    pts = boundary.point_frame(np.zeros((2, 2)), np.array([-0.5, 0.25]), "test")
    _, layers = _layers(boundary.image_frame(png), pts, kind="regression")
    colour = layers[1]["encoding"]["color"]
    assert colour["type"] == "quantitative"
    assert colour["scale"]["domain"] == [-1, 0, 1]


def test_named_layers_are_layout_only_and_the_datasets_fill_them():
    X1, X2 = _grid(30)
    pts = boundary.point_frame(np.array([[0.0, 1.0]]), np.array([1]), "test")
    spec, layers = _layers(charts.named("b-image"), charts.named("b-points"))
    assert [lay["data"]["name"] for lay in layers] == ["b-image", "b-points"]
    assert "datasets" not in spec  # the data travel separately, the spec stays cached
    a = boundary.boundary_datasets(boundary.boundary_png((X1 < 0) * 1.0), pts, "b")
    b = boundary.boundary_datasets(boundary.boundary_png((X2 < 0) * 1.0), pts, "b")
    assert set(a) == {"b-image", "b-points"}
    assert a["b-image"]["url"][0] != b["b-image"]["url"][0]
    assert a["b-points"].equals(pts)


# ---------------------------------------------------------------- live raster pictures


def _jpeg(url: str) -> np.ndarray:
    assert url.startswith("data:image/jpeg;base64,")
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))))


def test_raster_plot_shows_the_map_in_the_right_orientation():
    from ui.mlp import raster as mlp_raster

    p = mlp_raster.plot([], side=200)
    xs = np.linspace(-6, 6, 41)
    X1, X2 = np.meshgrid(xs, xs)
    # class 1 (blue) where x1 < 0, orange elsewhere; then where x2 > 0 instead
    for V, blue_at, orange_at in (((X1 < 0) * 1.0, (-3, 0), (3, 0)),
                                  ((X2 > 0) * 1.0, (0, 3), (0, -3))):
        px = _jpeg(p.picture(boundary.boundary_rgb(V))).astype(int)
        for (a, b), colour in ((blue_at, BLUE), (orange_at, ORANGE)):
            c, r = (int(round(float(v))) for v in p.to_px(a, b))
            assert np.abs(px[r, c] - colour).max() <= 12, (a, b, px[r, c])
    # the plot area spans the domain: -6 at its left edge, 6 at its right
    assert p.to_px(-6, 6) == (p.left, p.top)
    assert p.to_px(6, -6) == (p.left + p.side, p.top + p.side)
    assert px.shape[:2] == (p.size[1], p.size[0])


def test_raster_points_are_drawn_where_they_are_with_their_colours_and_rings():
    from ui.mlp import raster as mlp_raster

    X = np.array([[-3.0, 3.0], [3.0, -3.0]])
    grey = np.full((5, 5, 3), 200, np.uint8)
    train = mlp_raster.plot([(X, np.array([0, 1]), "train")], side=200)
    test = mlp_raster.plot([(X, np.array([0, 1]), "test")], side=200)
    for p in (train, test):
        px = _jpeg(p.picture(grey)).astype(int)
        for (a, b), colour in zip(X, (ORANGE, BLUE), strict=True):
            c, r = (int(round(float(v))) for v in p.to_px(a, b))
            assert np.abs(px[r, c] - colour).max() <= 25, (a, b, px[r, c])
    # the ring: white for training points, black for test points
    c, r = (int(round(float(v))) for v in train.to_px(-3, 3))
    ring_train = _jpeg(train.picture(grey))[r, c - 4 : c + 5].astype(int)
    ring_test = _jpeg(test.picture(grey))[r, c - 4 : c + 5].astype(int)
    assert ring_train.max() >= 235 and ring_test.min() <= 40


def test_raster_regression_points_take_the_colour_of_their_value():
    from ui.mlp import raster as mlp_raster

    X = np.array([[-3.0, 0.0], [0.0, 0.0], [3.0, 0.0]])
    p = mlp_raster.plot([(X, np.array([-1.0, 0.0, 1.0]), "train")], kind="regression",
                        side=200)
    px = _jpeg(p.picture(np.zeros((3, 3, 3), np.uint8))).astype(int)
    for (a, b), colour in zip(X, (ORANGE, GREY, BLUE), strict=True):
        c, r = (int(round(float(v))) for v in p.to_px(a, b))
        assert np.abs(px[r, c] - colour).max() <= 25
