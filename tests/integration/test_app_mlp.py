"""The MLP page under AppTest: every control does what it says, Step/Reset/URL reproduce
nncore runs built by hand, divergence and junk links show notices, never NaN or a traceback.

AppTest does not run ``run_every``; a full run with Play on trains one frame, which is
how the Play path is exercised here (the browser test plays for real).
"""

from __future__ import annotations

import base64
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import numpy as np
import pyarrow as pa
import pytest

from nncore import data
from nncore.playground import Config
from tests.conftest import fragment_run, widget_keys
from tests.integration.mlp_app import pg, run
from tests.unit.test_playground import oracle_trainer, same_weights
from ui import boundary
from ui.i18n import tr

CHARTS = {"mlp-loss", "mlp-grad"}  # Vega-Lite charts
PICTURES = ("diagram", "boundary", "focus")  # st.image pictures, found by their alt text
NAN = re.compile(r"\b(nan|inf)\b", re.IGNORECASE)


def charts_by_id(at) -> dict:
    """The Vega-Lite chart elements by their test id (``usermeta.id``)."""
    from tests.conftest import spec_id

    return {spec_id(json.loads(e.proto.spec)): e for e in at.get("vega_lite_chart")}


def epoch_shown(at) -> int:
    return int(at.metric[0].value.replace(",", ""))


def datasets(at, chart_id: str) -> dict:
    proto = charts_by_id(at)[chart_id].proto
    return {d.name: pa.ipc.open_stream(d.data.data).read_pandas() for d in proto.datasets}


def picture_urls(at, lang: str = "en") -> dict[str, str]:
    """The data URLs of the page's pictures by name ("diagram", "boundary", "focus")."""
    alts = {tr(f"mlp.alt.{name}", lang): name for name in PICTURES}

    def name(alt: str) -> str | None:
        # the boundary's text alternative says what it shows now (ui.announce.boundary_alt)
        if any(words in alt for words in BOUNDARY_WORDS[lang]):
            return "boundary"
        # the diagram's alt starts with its name, then what it shows now (issue 30)
        return next((n for a, n in alts.items() if alt.startswith(a)), None)

    return {name(img.alt): img.url for element in at.get("image")
            for img in element.proto.imgs if name(img.alt)}


#: words only the boundary picture's text alternative has (ui/i18n/a11y.py)
BOUNDARY_WORDS = {"en": ("Decision boundary after", "Output over the plane after"),
                  "zh": ("轮后的决策边界", "轮后平面上的输出")}


def diagram_svg(at, lang: str = "en") -> ET.Element:
    """The network diagram (an SVG data URL), parsed."""
    url = picture_urls(at, lang)["diagram"]
    assert url.startswith("data:image/svg+xml;base64,")
    return ET.fromstring(base64.b64decode(url.split(",", 1)[1]))


def jpeg(at, name: str) -> np.ndarray:
    """The pixels (h, w, 3) of a JPEG picture of the page."""
    from PIL import Image

    url = picture_urls(at)[name]
    assert url.startswith("data:image/jpeg;base64,")
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))))


def embedded_png(el: ET.Element) -> np.ndarray:
    """The pixels of an SVG ``<image>`` element's PNG data URL, (h, w, 3)."""
    from PIL import Image

    href = el.get("href")
    assert href.startswith("data:image/png;base64,")
    png = base64.b64decode(href.split(",", 1)[1])
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def node_map(diagram: ET.Element, node: str) -> np.ndarray:
    """The pixels of one node's map: its tile of the diagram's sprite (nested svg viewBox)."""
    sprite = embedded_png(find(diagram, "image", id="maps")[0])
    x, y, w, h = (int(v) for v in find(diagram, "svg", data_node=node)[0].get("viewBox").split())
    return sprite[y:y + h, x:x + w]


def diagram_nodes(diagram: ET.Element) -> list[ET.Element]:
    return [e for e in find(diagram, "svg") if e.get("data-node")]


def tag(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


def find(root: ET.Element, name: str, **attrs) -> list[ET.Element]:
    return [e for e in root.iter() if tag(e) == name
            and all(e.get(k.replace("_", "-")) == v for k, v in attrs.items())]


def visible_text(at) -> str:
    parts = [m.value for m in at.metric] + [m.label for m in at.metric]
    for kind in ("markdown", "caption", "error", "warning", "info", "title"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def test_default_page_in_both_languages(mlp):
    for lang in ("en", "zh"):
        at = mlp(lang=lang)
        assert at.title[0].value == tr("mlp.title", lang)
        assert CHARTS <= set(charts_by_id(at))
        assert set(PICTURES) <= set(picture_urls(at, lang))
        assert epoch_shown(at) == 0
        assert at.button(key="mlp_play_btn").label == tr("mlp.play", lang)
        assert not at.warning
        c = pg(at).config
        assert c == Config()  # TFP's defaults: circle, 50 %, batch 10, [4, 2], tanh, 0.03
        loss = datasets(at, "mlp-loss")["mlp-loss"]
        assert list(loss["epoch"]) == [0, 0]  # the loss before training, train and test


def test_step_is_exactly_one_nncore_epoch_and_reset_restores_the_start(mlp):
    at = mlp()
    oracle = oracle_trainer(Config())
    start = oracle.net.copy()
    for n in (1, 2):
        run(at.button(key="mlp_step_btn").click())
        oracle.epoch()
        assert epoch_shown(at) == n and pg(at).epoch == n
        assert same_weights(pg(at).net, oracle.net)
    m = pg(at).metrics()
    assert at.metric[1].value == f"{m['train_loss']:.4f}"
    # the loss chart gained the two epochs
    loss = datasets(at, "mlp-loss")["mlp-loss"]
    assert sorted(set(loss["epoch"])) == [0, 1, 2]
    run(at.button(key="mlp_reset_btn").click())
    assert epoch_shown(at) == 0 and same_weights(pg(at).net, start)


def test_play_trains_a_frame_per_run_and_pause_stops(mlp):
    at = mlp(dataset="spiral", layers="8,8", full="1")
    run(at.button(key="mlp_play_btn").click())
    assert at.session_state["mlp_playing"]
    assert at.button(key="mlp_play_btn").label == tr("mlp.pause", "en")
    first = epoch_shown(at)
    assert first >= 1
    run(at)  # another full run while playing trains another frame
    assert epoch_shown(at) > first
    run(at.button(key="mlp_play_btn").click())
    assert not at.session_state["mlp_playing"]
    paused = epoch_shown(at)
    run(at)
    assert epoch_shown(at) == paused
    # the run so far equals that many nncore epochs (frames cut at epoch boundaries)
    oracle = oracle_trainer(pg(at).config)
    oracle.fit(paused)
    assert same_weights(pg(at).net, oracle.net)


FULL = {"dataset": "xor", "noise": "10", "train": "70", "batch": "7", "features": "x1,x2,x1*x2",
        "layers": "5,3", "act": "relu", "lr": "0.1", "reg": "l2", "reg_rate": "0.003",
        "opt": "momentum", "init": "he", "seed": "17"}
FULL_CONFIG = Config(dataset="xor", noise=10, train_pct=70, batch=7,
                     features=("x1", "x2", "x1*x2"), layers=(5, 3), activation="relu", lr=0.1,
                     reg="l2", reg_rate=0.003, optimizer="momentum", init="he", seed=17)


def test_a_shared_link_reproduces_the_run_set_up_in_the_ui(mlp):
    linked = mlp(lang="zh", **FULL)
    assert pg(linked).config == FULL_CONFIG and not linked.warning
    by_hand = mlp()
    at = by_hand
    run(at.pills(key="mlp_dataset").set_value("xor"))
    run(at.slider(key="mlp_noise").set_value(10))
    run(at.slider(key="mlp_train").set_value(70))
    run(at.slider(key="mlp_batch").set_value(7))
    run(at.pills(key="mlp_features").set_value(["x1", "x2", "x1*x2"]))
    run(at.number_input(key="mlp_depth").set_value(2))
    run(at.number_input(key="mlp_units_0").set_value(5))
    run(at.number_input(key="mlp_units_1").set_value(3))
    run(at.selectbox(key="mlp_act").set_value("relu"))
    run(at.select_slider(key="mlp_lr").set_value(0.1))
    run(at.selectbox(key="mlp_reg").set_value("l2"))
    run(at.select_slider(key="mlp_reg_rate").set_value(0.003))
    run(at.selectbox(key="mlp_opt").set_value("momentum"))
    run(at.selectbox(key="mlp_init").set_value("he"))
    run(at.number_input(key="mlp_seed").set_value(17))
    assert pg(at).config == FULL_CONFIG
    # the page wrote the same settings into its own URL
    for key, value in FULL.items():
        got = at.query_params[key]
        got = ",".join(got) if isinstance(got, list) else got
        assert got == value, (key, got)
    for _ in range(3):
        run(linked.button(key="mlp_step_btn").click())
        run(at.button(key="mlp_step_btn").click())
    oracle = oracle_trainer(FULL_CONFIG)
    oracle.fit(3)
    assert same_weights(pg(linked).net, pg(at).net)
    assert same_weights(pg(at).net, oracle.net)


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"dataset": "moon", "lr": "abc", "layers": "-3,4"}, ("dataset", "lr", "layers")),
        ({"layers": "10000", "noise": "999", "features": "x9", "act": "swish"},
         ("layers", "noise", "features", "act")),
        ({"big": "1", "layers": "64,64,64,64,64,64,64,64,64,64,64", "reg_rate": "-1",
          "seed": "-5", "batch": "0.5"}, ("layers", "reg_rate", "seed", "batch")),
    ],
)
def test_junk_links_fall_back_to_defaults_with_a_notice(mlp, params, names):
    at = mlp(**params)
    assert len(at.warning) == 1
    notice = at.warning[0].value
    for name in names:
        assert f"` {name}" in notice, (name, notice)
    c = pg(at).config
    defaults = Config()
    for key, field in (("dataset", "dataset"), ("lr", "lr"), ("noise", "noise"),
                       ("act", "activation"), ("reg_rate", "reg_rate"), ("seed", "seed"),
                       ("batch", "batch")):
        if key in params:
            assert getattr(c, field) == getattr(defaults, field)
    assert c.layers == defaults.layers
    assert CHARTS <= set(charts_by_id(at)) and set(PICTURES) <= set(picture_urls(at))


def test_unlimited_switch_allows_64_neurons_and_10_layers(mlp):
    at = mlp(big="1", layers="64,3", dataset="gauss")
    assert pg(at).config.layers == (64, 3) and not at.warning
    assert at.number_input(key="mlp_units_0").max == 64
    # without the switch the same link is refused
    at2 = mlp(layers="64,3")
    assert pg(at2).config.layers == Config().layers and at2.warning
    # switching it off brings the widths back within TFP's limits
    run(at.toggle(key="mlp_big").set_value(False))
    assert pg(at).config.layers == (8, 3)
    assert at.number_input(key="mlp_depth").max == 6


def test_learning_rate_keeps_training_but_architecture_and_data_restart(mlp):
    at = mlp()
    for _ in range(2):
        run(at.button(key="mlp_step_btn").click())
    W = [w.copy() for w in pg(at).net.W]
    run(at.select_slider(key="mlp_lr").set_value(0.3))
    assert epoch_shown(at) == 2 and pg(at).trainer.opt.lr == 0.3
    assert all(np.array_equal(a, b) for a, b in zip(W, pg(at).net.W, strict=True))
    run(at.selectbox(key="mlp_reg").set_value("l1"))
    run(at.select_slider(key="mlp_reg_rate").set_value(0.01))
    assert epoch_shown(at) == 2 and pg(at).trainer.opt.l1 == 0.01
    run(at.selectbox(key="mlp_act").set_value("sigmoid"))
    assert epoch_shown(at) == 0
    assert tr("mlp.note.restarted", "en") in [c.value for c in at.caption]
    fresh = oracle_trainer(pg(at).config).net
    assert same_weights(pg(at).net, fresh)
    run(at.button(key="mlp_step_btn").click())
    run(at.slider(key="mlp_noise").set_value(25))
    assert epoch_shown(at) == 0
    assert tr("mlp.note.regenerated", "en") in [c.value for c in at.caption]
    # the rule is stated on the page
    assert tr("mlp.reset_rule", "en") in [c.value for c in at.caption]


def test_layers_and_features_change_the_diagram(mlp):
    at = mlp()
    diagram = diagram_svg(at)
    assert len(diagram_nodes(diagram)) == 2 + 4 + 2 + 1
    run(at.pills(key="mlp_features").set_value(["x1", "x2", "x1^2", "sin(x2)"]))
    run(at.number_input(key="mlp_depth").set_value(3))
    run(at.number_input(key="mlp_units_2").set_value(6))
    diagram = diagram_svg(at)
    assert len(diagram_nodes(diagram)) == 4 + 4 + 2 + 6 + 1
    edges = find(diagram, "line")
    assert len(edges) == 4 * 4 + 4 * 2 + 2 * 6 + 6 * 1
    inputs = [e.get("data-input") for e in find(diagram, "text") if e.get("data-input")]
    assert inputs == ["x₁", "x₂", "x₁²", "sin(x₂)"]
    # the lines carry the weights, coloured by sign
    net = pg(at).net
    weights = np.concatenate([w.ravel() for w in net.W]).astype(float)
    drawn = np.array([float(e.get("data-w")) for e in edges])
    np.testing.assert_allclose(np.sort(drawn), np.sort(weights), rtol=1e-3, atol=1e-6)
    for e in edges:
        assert e.get("stroke") == ("#0877bd" if float(e.get("data-w")) >= 0 else "#f59322")
    # every node shows its own map: the input x1 grows left to right, x2 bottom to top
    x1 = node_map(diagram, "0-0").astype(int)
    x2 = node_map(diagram, "0-1").astype(int)
    assert tuple(x1[13, 0]) == (0xF5, 0x93, 0x22) and tuple(x1[13, -1]) == (0x08, 0x77, 0xBD)
    assert tuple(x2[-1, 13]) == (0xF5, 0x93, 0x22) and tuple(x2[0, 13]) == (0x08, 0x77, 0xBD)
    run(at.number_input(key="mlp_depth").set_value(0))
    assert len(diagram_nodes(diagram_svg(at))) == 4 + 1
    run(at.pills(key="mlp_features").set_value([]))
    assert tr("mlp.no_features", "en") in [w.value for w in at.warning]


def _plot_area(at, name: str = "boundary") -> tuple[np.ndarray, object]:
    """The plot area's pixels of a picture, and the page's plot frame for it."""
    plot = next(iter(at.session_state["mlp_plots"].values()))
    px = jpeg(at, name).astype(int)
    return px[plot.top:plot.top + plot.side, plot.left:plot.left + plot.side], plot


def _map_matches_network(at, discrete: bool) -> None:
    """The boundary picture is the network's output (oracle: nncore on nncore.data.grid)."""
    pg = at.session_state["mlp_pg"]
    area, plot = _plot_area(at)
    V = pg.grid_view(maps=False).V
    want = boundary.boundary_rgb(V, pg.kind, discrete).astype(int)  # row 0 = lowest x2
    X_tr, _, X_te, _ = pg.points()
    pts = np.concatenate([X_tr, X_te])
    n, side = V.shape[0], plot.side
    checked = 0
    for r in range(5, side - 5, 9):
        for c in range(5, side - 5, 9):
            x1 = -6 + 12 * c / side
            x2 = 6 - 12 * r / side
            if np.min(np.hypot(pts[:, 0] - x1, pts[:, 1] - x2)) < 0.5:
                continue  # a point is drawn here
            i, j = round((x2 + 6) / 12 * (n - 1)), round((x1 + 6) / 12 * (n - 1))
            # bilinear scaling: each channel lies between the neighbouring grid colours
            near = want[max(i - 1, 0):i + 2, max(j - 1, 0):j + 2].reshape(-1, 3)
            lo, hi = near.min(axis=0) - 25, near.max(axis=0) + 25
            assert np.all((lo <= area[r, c]) & (area[r, c] <= hi)), (x1, x2, area[r, c])
            checked += 1
    assert checked > 200


def test_boundary_discretise_test_points_and_focus(mlp):
    at = mlp(dataset="gauss")
    for _ in range(3):
        run(at.button(key="mlp_step_btn").click())
    _map_matches_network(at, discrete=False)
    run(at.toggle(key="mlp_discrete").set_value(True))
    _map_matches_network(at, discrete=True)
    # test points have black rings: many near-black pixels appear in the plot area
    dark = (_plot_area(at)[0].max(axis=2) < 60).sum()
    run(at.toggle(key="mlp_test").set_value(True))
    assert (_plot_area(at)[0].max(axis=2) < 60).sum() > dark + 500
    assert at.query_params["discrete"] == "1" and at.query_params["test"] == "1"
    # the training ratio moves points between the sets
    run(at.slider(key="mlp_train").set_value(80))
    pg = at.session_state["mlp_pg"]
    assert (len(pg.X_train), len(pg.X_test)) == (400, 100)
    # focusing a hidden neuron draws its own map large and outlines it in the diagram
    out_img = jpeg(at, "focus")
    run(at.selectbox(key="mlp_focus").set_value("1-2"))
    assert not np.array_equal(jpeg(at, "focus"), out_img)
    focus = find(diagram_svg(at), "rect")
    assert [r.get("data-focus") for r in focus] == ["1-2"]


def test_batch_size_full_batch_and_optimiser(mlp):
    at = mlp()
    assert pg(at).trainer.batch_size == 10
    run(at.slider(key="mlp_batch").set_value(1))
    assert pg(at).trainer.batch_size == 1
    run(at.checkbox(key="mlp_full").check())
    assert pg(at).trainer.batch_size == len(pg(at).X_train) and at.query_params["full"] == "1"
    run(at.selectbox(key="mlp_opt").set_value("adam"))
    assert type(pg(at).trainer.opt).__name__ == "Adam"
    run(at.button(key="mlp_step_btn").click())
    oracle = oracle_trainer(pg(at).config)
    oracle.epoch()
    assert same_weights(pg(at).net, oracle.net)


def test_problem_type_datasets_classes_and_regenerate(mlp):
    at = mlp()
    run(at.radio(key="mlp_problem").set_value("regression"))
    c = pg(at).config
    assert data.kind(c.dataset) == "regression"
    assert at.pills(key="mlp_dataset").options == ["Plane", "Multi-Gauss"]
    assert at.metric[3].label == tr("mlp.train_r2", "en")
    assert len(pg(at).X_train) == 600 and "boundary" in picture_urls(at)
    run(at.radio(key="mlp_problem").set_value("classification"))
    run(at.pills(key="mlp_dataset").set_value("blobs"))
    run(at.slider(key="mlp_classes").set_value(5))
    assert pg(at).sizes()[-1] == 5
    px = jpeg(at, "boundary").reshape(-1, 3).astype(int)
    for colour in boundary.CLASS_COLOURS[:5]:  # every class's points are drawn
        assert (np.abs(px - colour).max(axis=1) <= 20).sum() > 50, colour
    X0 = pg(at).X_train.copy()
    run(at.button(key="mlp_regen_btn").click())
    assert pg(at).config.seed == 1 and at.query_params["seed"] == "1"
    assert not np.array_equal(X0, pg(at).X_train)


def test_divergence_pauses_with_a_message_and_no_nan_on_screen(mlp):
    at = mlp(dataset="plane", lr="10", layers="8,8")
    for _ in range(60):
        run(at.button(key="mlp_step_btn").click())
        if pg(at).diverged:
            break
    assert pg(at).diverged
    epoch, restored = pg(at).diverged_epoch, pg(at).restored_epoch
    assert restored is not None and restored < epoch
    assert pg(at).epoch == restored  # the weights shown are those of the restored epoch
    assert tr("mlp.diverged_restored", "en", epoch=epoch, restored=restored) in [
        e.value for e in at.error
    ]
    assert not NAN.search(visible_text(at)), visible_text(at)
    for chart in CHARTS:
        for name, df in datasets(at, chart).items():
            num = df.select_dtypes("number").to_numpy(dtype=float)
            assert np.isfinite(num).all(), (chart, name)
    # Play on a diverged run stops at once; a smaller rate goes on
    run(at.button(key="mlp_play_btn").click())
    assert not at.session_state["mlp_playing"]
    run(at.select_slider(key="mlp_lr").set_value(0.001))
    run(at.button(key="mlp_step_btn").click())
    assert not pg(at).diverged and not at.error


def test_play_into_divergence_pauses_the_page(mlp):
    at = mlp(dataset="plane", lr="10", layers="8,8", full="0", batch="1")
    run(at.button(key="mlp_play_btn").click())
    for _ in range(20):
        if pg(at).diverged:
            break
        run(at)
    assert pg(at).diverged and not at.session_state["mlp_playing"]
    assert at.button(key="mlp_play_btn").label == tr("mlp.play", "en")
    assert at.error and not NAN.search(visible_text(at))


def test_diagnostics_show_gradient_norms_and_dead_relu_share(mlp):
    at = mlp(act="relu", layers="4,4")
    run(at.button(key="mlp_step_btn").click())
    grad = datasets(at, "mlp-grad")["mlp-grad"]
    assert set(grad["layer"]) == {"W[1]", "W[2]", "W[3]"}
    norms = pg(at).trainer.grad_norms()
    last = grad[grad["epoch"] == 1].sort_values("layer")["norm"].to_numpy()
    np.testing.assert_allclose(last, norms, rtol=1e-6)
    dead = datasets(at, "mlp-dead")["mlp-dead"]
    assert set(dead["layer"]) == {tr("mlp.col.hidden", "en", layer=1),
                                  tr("mlp.col.hidden", "en", layer=2)}
    assert dead["dead"].between(0, 1).all()
    spec = json.loads(charts_by_id(at)["mlp-grad"].proto.spec)
    assert spec["encoding"]["y"]["scale"]["type"] == "log"


def test_a_links_config_comes_from_the_same_table_as_the_page(mlp):
    from ui import state
    from ui.mlp import settings

    def config_of(params):
        return settings.config(state.read_all(settings.SETTINGS, params)[0])

    assert config_of(FULL) == FULL_CONFIG == pg(mlp(**FULL)).config
    assert config_of({}) == Config()
    assert config_of({"layers": "0"}) == replace(Config(), layers=())
    assert config_of({"big": "1", "layers": "64,9"}).layers == (64, 9)
    assert config_of({"layers": "64,9"}).layers == Config().layers  # 64 > 8 without big


def _outputs(at) -> dict:
    """What the page shows that a setting could change: pictures, chart data, numbers."""
    return {**picture_urls(at), "loss": datasets(at, "mlp-loss")["mlp-loss"].to_json(),
            "metrics": [m.value for m in at.metric]}


def test_a_fragment_widget_changes_its_own_output_only(mlp):
    # issue 14: the learning rate (its own fragment in the browser) and the discretise
    # toggle (the live view's fragment) change what they drive and nothing else: the
    # training state (epoch, weights, optimiser state) and the other pictures stay
    at = mlp(dataset="xor", opt="adam")
    for _ in range(3):
        run(at.button(key="mlp_step_btn").click())
    net, trainer = pg(at).net, pg(at).trainer
    params, before = net.params.copy(), _outputs(at)
    run(at.select_slider(key="mlp_lr").set_value(0.1))
    assert pg(at).net is net and pg(at).trainer is trainer and trainer.opt.lr == 0.1
    assert np.array_equal(net.params, params) and pg(at).epoch == 3
    assert _outputs(at) == before and at.query_params["lr"] == "0.1"
    run(at.toggle(key="mlp_discrete").set_value(True))
    after = _outputs(at)
    assert after.pop("boundary") != before.pop("boundary")
    assert after == before and np.array_equal(net.params, params) and pg(at).epoch == 3


def test_a_data_slider_reruns_the_data_and_the_view_only(mlp):
    # issue 14: the noise lives in the fragment of the data controls and the live view:
    # its run redraws the data (new points, epoch 0) but not the run buttons, the
    # hyper-parameters or the closed export panel's content above and below it
    at = mlp(dataset="xor")
    run(at.button(key="mlp_step_btn").click())
    before = picture_urls(at)["boundary"]
    at = fragment_run(at, "slider", "mlp_noise", 20)
    keys = widget_keys(at)
    assert "mlp_noise" in keys and "mlp_train" in keys  # the data controls were drawn
    assert not keys & {"mlp_play_btn", "mlp_step_btn", "mlp_lr", "mlp_opt"}, keys
    assert not at.get("download_button") and not at.title
    assert pg(at).config.noise == 20 and pg(at).epoch == 0 and epoch_shown(at) == 0
    assert picture_urls(at)["boundary"] != before and at.query_params["noise"] == "20"


def test_the_learning_rate_reruns_itself_only(mlp):
    # issue 14: the learning rate is a fragment of its one slider: its run draws nothing
    # else, and the session trains on with the new rate (same network, same epoch)
    at = mlp(dataset="xor")
    run(at.button(key="mlp_step_btn").click())
    net, params = pg(at).net, pg(at).net.params.copy()
    at = fragment_run(at, "select_slider", "mlp_lr", 0.1)
    assert [w.key for w in at.get("select_slider")] == ["mlp_lr"]
    assert not at.get("selectbox") and not at.get("slider") and not at.get("imgs")
    assert pg(at).net is net and np.array_equal(net.params, params) and pg(at).epoch == 1
    assert pg(at).trainer.opt.lr == 0.1 and at.query_params["lr"] == "0.1"
