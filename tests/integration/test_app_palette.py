"""The colour-blind-safe palette under AppTest (issue 30): ``?palette=cb`` draws the MLP
and Neuron pages' class colours in Okabe-Ito's, the link keeps it across reruns and the
sidebar switch; a link without it opens exactly the default colours; junk gives a notice;
every shared drawing's key names the palette.

Oracles: ``ui.boundary.boundary_rgb`` of the session's own network on the grid (the
picture must be that, in the palette's colours), and Okabe and Ito's published colours.
"""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest
from PIL import Image

from ui import boundary, describe, state

MLP = "pages/3_MLP.py"
NEURON = "pages/2_Neuron.py"
OKABE_ORANGE, OKABE_BLUE = (0xE6, 0x9F, 0x00), (0x00, 0x72, 0xB2)


@pytest.fixture
def page(open_page, no_exception):
    """``page(path, **url_params) -> AppTest`` after a clean first run."""

    def _open(path: str, **params):
        at = open_page(path, timeout=90, **params)
        no_exception(at)
        return at

    return _open


def url(at) -> dict[str, str]:
    """The page's URL parameters, one value each."""
    return {k: v if isinstance(v, str) else v[-1] for k, v in at.query_params.items()}


def boundary_area(at) -> np.ndarray:
    """The MLP boundary picture's plot area (side, side, 3) as ints, found by its text
    alternative's words (``ui.describe.BOUNDARY_MARKS``)."""
    imgs = [img for element in at.get("image") for img in element.proto.imgs
            if any(m in img.alt for m in describe.BOUNDARY_MARKS["en"])]
    assert len(imgs) == 1
    data = base64.b64decode(imgs[0].url.split(",", 1)[1])
    px = np.asarray(Image.open(io.BytesIO(data)).convert("RGB")).astype(int)
    ss = at.session_state
    key = (ss["mlp_pg"].data_key(), bool(ss["mlp_test"]), ss[state.PALETTE_KEY])
    plot = ss["mlp_plots"][key]
    return px[plot.top:plot.top + plot.side, plot.left:plot.left + plot.side]


def assert_boundary_in(at, palette: str) -> None:
    """The discretised boundary shows the network's decision in ``palette``'s colours:
    away from the points and the region edges, every sampled pixel is near the colour the
    oracle gives there (JPEG: within 12 per channel), and on average clearly nearer to it
    than to the other palette's (their blues differ by only 5-13 per channel)."""
    ss = at.session_state
    pg = ss["mlp_pg"]
    area = boundary_area(at)
    V = pg.grid_view(maps=False).V
    want = boundary.boundary_rgb(V, pg.kind, True, pg.n_classes, palette).astype(int)
    other = boundary.boundary_rgb(V, pg.kind, True, pg.n_classes,
                                  "default" if palette == "cb" else "cb").astype(int)
    X_tr, _, X_te, _ = pg.points()
    pts = np.concatenate([X_tr, X_te])
    n, side = V.shape[0], area.shape[0]
    got, good, bad = [], [], []
    for r in range(5, side - 5, 9):
        for c in range(5, side - 5, 9):
            x1, x2 = -6 + 12 * c / side, 6 - 12 * r / side
            if np.min(np.hypot(pts[:, 0] - x1, pts[:, 1] - x2)) < 0.6:
                continue  # a point is drawn here
            i, j = round((x2 + 6) / 12 * (n - 1)), round((x1 + 6) / 12 * (n - 1))
            near = want[max(i - 1, 0):i + 2, max(j - 1, 0):j + 2].reshape(-1, 3)
            if np.ptp(near, axis=0).max():
                continue  # on the boundary between two regions
            got.append(area[r, c])
            good.append(want[i, j])
            bad.append(other[i, j])
    got, good, bad = np.array(got), np.array(good), np.array(bad)
    assert len(got) > 200
    assert np.abs(got - good).max() <= 12, np.abs(got - good).max()
    near, far = np.abs(got - good).mean(), np.abs(got - bad).mean()
    assert far > 3 * near + 3, (near, far)


def test_mlp_with_palette_cb_draws_okabe_ito_and_keeps_the_link(page):
    at = page(MLP, dataset="gauss", discrete="1", palette="cb")
    assert url(at)["palette"] == "cb"
    assert at.session_state[state.PALETTE_KEY] == "cb"
    assert at.toggle(key="frame_palette_switch").value is True
    assert_boundary_in(at, "cb")
    # the two class colours are Okabe-Ito's orange and blue (the published values)
    assert boundary.class_colours(2, "cb") == [boundary.hex_colour(OKABE_ORANGE),
                                               boundary.hex_colour(OKABE_BLUE)]
    # a rerun (a page setting changed) keeps palette=cb in the link and the colours
    at.toggle(key="mlp_test").set_value(True).run()
    assert not at.exception
    assert url(at)["palette"] == "cb"
    assert_boundary_in(at, "cb")
    # the dataset thumbnails are drawn in the palette too (cached by it)
    assert thumbnail_colours(at) >= {OKABE_ORANGE, OKABE_BLUE}
    assert not thumbnail_colours(at) & {boundary.ORANGE, boundary.BLUE}


def thumbnail_colours(at) -> set[tuple[int, int, int]]:
    """Every colour in the page's PNG pictures (the dataset thumbnails)."""
    found = set()
    for element in at.get("image"):
        for img in element.proto.imgs:
            if img.url.startswith("data:image/png"):
                data = base64.b64decode(img.url.split(",", 1)[1])
                px = np.asarray(Image.open(io.BytesIO(data)).convert("RGB")).reshape(-1, 3)
                found |= {tuple(int(v) for v in p) for p in np.unique(px, axis=0)}
    return found


def test_the_default_link_opens_the_default_colours_and_writes_no_palette(page):
    at = page(MLP, dataset="gauss", discrete="1")
    assert "palette" not in url(at)
    assert at.session_state[state.PALETTE_KEY] == "default"
    assert at.toggle(key="frame_palette_switch").value is False
    assert_boundary_in(at, "default")
    assert thumbnail_colours(at) >= {boundary.ORANGE, boundary.BLUE}
    assert not thumbnail_colours(at) & {OKABE_ORANGE, OKABE_BLUE}
    at.toggle(key="mlp_test").set_value(True).run()
    assert "palette" not in url(at)


def test_the_sidebar_switch_turns_the_palette_on_and_off(page):
    at = page(MLP, dataset="gauss", discrete="1")
    at.toggle(key="frame_palette_switch").set_value(True).run()
    assert not at.exception
    assert url(at)["palette"] == "cb"
    assert_boundary_in(at, "cb")
    at.toggle(key="frame_palette_switch").set_value(False).run()
    assert not at.exception
    assert "palette" not in url(at)
    assert_boundary_in(at, "default")


@pytest.mark.parametrize("raw", ["okabe", "CB", "<i>x</i>"])
def test_junk_in_the_link_gives_a_notice_and_the_default(page, raw):
    at = page(MLP, dataset="gauss", discrete="1", palette=raw)
    notices = " ".join(w.value for w in at.warning)
    assert "palette=" in notices
    assert "palette" not in url(at)  # the junk does not live on in copied links
    assert_boundary_in(at, "default")


def test_every_shared_drawing_is_keyed_by_the_palette(page, monkeypatch):
    """A drawing shared between sessions at one checkpoint (``ui.run_share``) is looked up
    under a key that names the session's palette: a cb session never gets a default-
    coloured frame, nor the other way round."""
    from ui.mlp import live

    seen: list[tuple] = []
    real = live.shared

    def spy(pg, what, make):
        seen.append(what)
        return real(pg, what, make)

    monkeypatch.setattr(live, "shared", spy)
    for palette in ("cb", "default"):
        seen.clear()
        params = {"palette": palette} if palette == "cb" else {}
        page(MLP, dataset="gauss", **params)
        kinds = {what[0] for what in seen}
        assert {"boundary", "slow"} <= kinds
        assert all(what[-1] == palette for what in seen), seen


def test_the_multiclass_boundary_names_the_cb_colours(page):
    """The text alternative says the colours the picture shows: with the cb palette the
    third class is "bluish green", never the default palette's plain "green"."""
    for palette, third in (("cb", "bluish green"), ("default", "green")):
        params = {"palette": palette} if palette == "cb" else {}
        at = page(MLP, dataset="blobs", classes="3", **params)
        pg = at.session_state["mlp_pg"]
        (alt,) = [img.alt for element in at.get("image") for img in element.proto.imgs
                  if any(m in img.alt for m in describe.BOUNDARY_MARKS["en"])]
        shown = describe.classes_of(coarse(pg), "multiclass")
        assert 2 in shown  # the untrained network of this link decides class 2 somewhere
        assert third in alt, alt
        assert ("bluish green" in alt) == (palette == "cb"), alt


def coarse(pg) -> np.ndarray:
    """The network's output on the text alternative's grid (``ui.announce``)."""
    from ui import announce

    return announce.coarse_output(pg)


def test_the_neuron_plane_draws_the_palettes_colours(page, chart_data):
    from tests.conftest import charts_by_id

    for palette, (orange, blue) in (("cb", (OKABE_ORANGE, OKABE_BLUE)),
                                    ("default", (boundary.ORANGE, boundary.BLUE))):
        params = {"palette": palette} if palette == "cb" else {}
        at = page(NEURON, act="step", w1="1", w2="0", b="0", **params)
        spec_layers = charts_by_id(at)["neuron-plane"].proto.spec
        assert boundary.hex_colour(orange) in spec_layers and boundary.hex_colour(blue) in \
            spec_layers
        url_ = chart_data(at, "neuron-plane")["neuron-plane-image"]["url"][0]
        img = np.asarray(Image.open(io.BytesIO(base64.b64decode(url_.split(",", 1)[1])))
                         .convert("RGB"))
        n = img.shape[1]
        v = np.linspace(-6, 6, n)
        # a step neuron, w = (1, 0), b = 0: class 1's colour where x1 >= 0, class 0's left
        assert np.all(np.all(img[:, v >= 0] == blue, axis=2))
        assert np.all(np.all(img[:, v < 0] == orange, axis=2))


def test_the_sidebar_links_keep_the_palette(page):
    """A page reached by a sidebar link (or that link opened in a new tab) keeps cb."""
    at = page(MLP, palette="cb")
    links = at.sidebar.get("page_link")
    assert links and all("palette=cb" in p.proto.query_string for p in links)
    at = page(MLP)
    links = at.sidebar.get("page_link")
    assert links and not any("palette" in p.proto.query_string for p in links)


def test_the_compared_boundaries_are_drawn_in_the_palette(page):
    """Compare mode's two small boundaries: their points overlays are drawn (and cached)
    for the session's palette, and a switch of palette draws them anew."""
    at = page(MLP, dataset="gauss", compare="1", palette="cb")
    keys = list(at.session_state["mlp_compare_plots"])
    assert keys and all(key[-1] == "cb" for key in keys)
    at.toggle(key="frame_palette_switch").set_value(False).run()
    assert not at.exception
    keys = list(at.session_state["mlp_compare_plots"])
    assert keys and all(key[-1] == "default" for key in keys)


@pytest.mark.parametrize("pal", ["default", "cb"])
@pytest.mark.parametrize("classes", [2, 3])
def test_the_points_chart_draws_each_class_in_the_boundary_colour_and_its_own_shape(
        page, no_exception, pal, classes):
    # the click-to-add chart: each class in the boundary picture's colour (the same
    # palette) and its own marker, the legend titled in words (not by colour alone)
    import json

    params = {"dataset": "blobs", "classes": classes} if classes > 2 else {}
    at = page(MLP, **params, **({"palette": "cb"} if pal == "cb" else {}))
    at = next(tg for tg in at.toggle if tg.label == "Click to add points").set_value(True)
    at = at.run()
    no_exception(at)
    spec = next(json.loads(c.proto.spec) for c in at.get("vega_lite_chart")
                if "mlp-points" in c.proto.spec)
    dots = spec["layer"][1]["encoding"]
    n = 2 if classes == 2 else classes
    want = [f"#{r:02x}{g:02x}{b:02x}" for r, g, b in boundary.PALETTES[pal][:n]]
    assert [c.lower() for c in dots["color"]["scale"]["range"]] == want
    assert dots["shape"]["scale"]["range"] == list(boundary.SHAPES[:n])
    assert dots["color"]["field"] == dots["shape"]["field"] == "label"
    assert dots["color"]["title"] == dots["shape"]["title"] == "Class"
