"""Slider latency in a real browser, every page against Streamlit's own floor (issue 14).

Usage::

    python -m bench.bench_latency                       # every page, both languages, 5 reps
    python -m bench.bench_latency --pages mlp,neuron --lang en --reps 3
    python -m bench.bench_latency --json out.json -v    # also the figures as JSON, per slider
    python -m bench.bench_latency --url http://127.0.0.1:8501 --toy-url http://127.0.0.1:8502
    python -m bench.bench_latency --pages "" --floor-parts      # what the floor lacks only
    python -m bench.bench_latency --pages "" --floor-parts --reps 8 --changed 12
    python -m bench.bench_latency --pages neuron,mlp --lang en --load 12   # a class playing

It starts ``streamlit run streamlit_app.py`` and, in the same run, the **toy floor**
``bench/latency_toy/app.py`` (one slider, a run counter and one small chart given as a
plain Vega-Lite dict, nothing else: what a slider change costs in Streamlit itself, the part
no app can remove), each headless on a free port (``--url`` / ``--toy-url`` measure servers
already running instead). In headless Debian Chromium it then opens each page (both
languages, ``?lang=en|zh``), finds every slider and select slider on it (opening a closed
expander that holds one, then visiting each other tab for the sliders shown there; a
disabled slider is skipped with a note), focuses its thumb and presses ArrowRight, then
ArrowLeft next time (so the value stays in range; the value is put back afterwards).

Each key press is timed in the page itself (``performance.now()``), from the ``keydown``:

* **settled**: the app's last ``data-test-script-state`` change to ``notRunning`` after it
  went ``running`` (a MutationObserver installed before the press records every change, so a
  run that starts and ends fast is not missed), once it has stayed idle for a short quiet
  spell. If no run is seen within a grace time, the last change seen (an element marked stale,
  a picture redrawn or a websocket message received) stands in, and the sample counts as
  "graced".
* **visibly updated**: the last redraw of a picture up to the settled moment plus the quiet
  spell: a Vega chart's canvas cleared for a redraw (``clearRect``) or its SVG changed, an
  ``img`` decoded after its ``src`` changed or after it was added. A change that redraws no
  chart or image (a LaTeX-only slider) has no such figure.
* **first response**: the first such redraw after the key press: when the picture starts to
  answer the hand. A chart that follows its slider in the browser (``ui.follow``) redraws
  before the script run; any other waits for the run's message.

Toy and page presses alternate (toy, page, toy, page, ...) so a slow spell of the machine
hits both; a page's ratios are to the toy's median over the toy presses interleaved with
that page's.

While the MLP page plays (Play pressed first), a Noise slider change is timed until the next
boundary picture (``img[alt=<mlp.alt.boundary>]``) decoded after the script run that took the
new value started (that run marks the slider's own element stale), again against the toy.

``--cost`` (with ``-v``) adds, per slider, what one press costs: the websocket messages the
run brings (one per element it draws), their KiB, and the browser main thread's busy time
from Chromium's sampling profiler (scripts, layout, paint, GC; a figure that moves less with
the machine's load than wall time does). Rough costs measured on toy apps: each element
~0.7 ms of the browser's time, a chart's data ~17 us per row.

``--floor-parts`` measures what every page of ours has and the floor has not, on the toy
itself (``bench/latency_toy/app.py``'s options): ``--static`` elements that do not change
on the page (the slider and its chart then a fragment), the slider's value written into
the URL (our pages keep their link current), and both; then ``--changed`` elements that
change with the slider (charts, numbers, formulas and sentences: what a slider whose effect
shows in several pictures redraws), alone and with the other two. Each toy variant is
pressed in turn with the plain toy, and each median printed with its increment over the
plain toy's: the toy with everything a page must do is the least such a page can cost.

``--load K`` measures the same presses while K students play the MLP page on the app's
server, on one link, each in their own session (``bench.bench_classroom --hold``, a process
of its own, started before the first press and stopped after the last): the classroom a
teacher's link makes, where every press waits for its share of the server. The toy runs in
a process of its own, so it only feels the machine's load; the report adds the students'
redraws per second during the measurement. The students' clients share this machine's
2 cores with the server and the browser, which a real class would not.

Targets (issue 14): every page's median <= 1.5x the floor, p90 <= 2.5x; while playing, the
slider reflected in the boundary within 1.5x the floor. The machine's load is printed with
the figures: other sessions share its 2 cores, so measure on a quiet machine.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench import harness
from bench.harness import ROOT, machine
from ui import describe
from ui.frame import PAGE_BY_ID
from ui.i18n import tr

TOY = "bench/latency_toy/app.py"
LOAD_WARMUP_S = 5.0  # --load: seconds of playing before the first press
PAGE_IDS = ("activations", "neuron", "mlp", "backprop", "optimizers")
LANGS = ("en", "zh")
#: a page in a second window must not be throttled as a background one
EXTRA_ARGS = ["--disable-background-timer-throttling", "--disable-renderer-backgrounding",
              "--disable-backgrounding-occluded-windows"]
GRACE_MS = 2000  # no run seen this long after the key press: take the last change seen
QUIET_MS = 300  # idle this long after the last run: settled (late redraws still count)
TIMEOUT_MS = 60_000

# Installed in every page before its scripts run: the recorder of key presses, script-state
# changes, stale marks and picture redraws (times from performance.now()).
RECORDER = r"""
(() => {
  const L = window.__lat = {key: [], running: [], idle: [], stale: [], target: null,
                            targetStale: [], draws: []};
  L.reset = () => { for (const k of ['key', 'running', 'idle', 'stale', 'targetStale',
                                      'draws', 'msgs'])
                      L[k] = []; };
  const now = () => performance.now();
  const draw = (what) => L.draws.push([now(), what]);
  const inChart = (el) => el && el.closest && el.closest('[data-testid=stVegaLiteChart]');
  const watchImg = (img) => {
    const alt = img.getAttribute('alt') || '';
    img.decode().then(() => draw('img:' + alt), () => {});
  };
  window.addEventListener('keydown', () => L.key.push(now()), true);
  // --cost: every websocket message in (time, bytes): one per element the run sends
  L.msgs = [];
  const WS = window.WebSocket;
  window.WebSocket = function (...a) {
    const ws = new WS(...a);
    ws.addEventListener('message',
                        (e) => L.msgs.push([now(), e.data.size ?? e.data.byteLength ?? 0]));
    return ws;
  };
  window.WebSocket.prototype = WS.prototype;
  Object.assign(window.WebSocket, WS);
  const clear = CanvasRenderingContext2D.prototype.clearRect;
  CanvasRenderingContext2D.prototype.clearRect = function (...a) {
    if (inChart(this.canvas)) draw('chart');
    return clear.apply(this, a);
  };
  const observe = () => new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target;
      if (r.type === 'attributes') {
        const name = r.attributeName;
        if (name === 'data-test-script-state') {
          (el.getAttribute(name) === 'running' ? L.running : L.idle).push(now());
        } else if (name === 'data-stale') {
          if (el.getAttribute(name) === 'true') {
            L.stale.push(now());
            if (L.target && el.contains(L.target)) L.targetStale.push(now());
          }
        } else if (name === 'src' && el.tagName === 'IMG') {
          watchImg(el);
        } else if (inChart(el) && el.closest('svg')) {
          draw('chart');
        }
      } else if (r.type === 'childList' && r.addedNodes.length) {
        if (inChart(el)) draw('chart');
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1) continue;
          if (n.tagName === 'IMG') watchImg(n);
          else n.querySelectorAll('img').forEach(watchImg);
        }
      }
    }
  }).observe(document.documentElement, {subtree: true, childList: true, attributes: true});
  if (document.documentElement) observe();
  else document.addEventListener('DOMContentLoaded', observe);
})();
"""

# After a press: done once a run was seen and the app has been idle QUIET_MS since its last
# run ended, or once GRACE_MS passed without any run.
DONE = """([grace, quiet]) => {
  const L = window.__lat, t = performance.now();
  if (!L.key.length) return false;
  const k = L.key[0];
  const app = document.querySelector('[data-testid=stApp]');
  const idle = app && app.getAttribute('data-test-script-state') !== 'running';
  const ran = L.running.some(x => x >= k);
  if (!ran) return t - k > grace;
  const lastIdle = Math.max(-1, ...L.idle.filter(x => x >= k));
  const lastRun = Math.max(...L.running.filter(x => x >= k));
  return idle && lastIdle >= lastRun && t - lastIdle > quiet;
}"""

# The figures of the press just done, in ms from the keydown.
FIGURES = """([quiet]) => {
  const L = window.__lat, k = L.key[0];
  const after = (xs) => xs.filter(x => x >= k);
  let settled, graced = false;
  if (after(L.running).length) {
    settled = Math.max(...after(L.idle));
  } else {
    graced = true;
    // no 'running' seen (React can batch a fast run's messages into one render): the last
    // websocket message, stale mark or redraw after the press stands in
    const seen = after([...L.stale, ...L.draws.map(d => d[0]), ...L.msgs.map(m => m[0])]);
    settled = seen.length ? Math.max(...seen) : NaN;
  }
  const draws = L.draws.filter(d => d[0] >= k && d[0] <= settled + quiet).map(d => d[0]);
  const visible = draws.length ? Math.max(...draws) : null;
  const first = draws.length ? Math.min(...draws) : null;
  const msgs = L.msgs.filter(m => m[0] >= k && m[0] <= settled);
  return {settled: settled - k, visible: visible === null ? null : visible - k, graced,
          first: first === null ? null : first - k,
          msgs: msgs.length, kb: msgs.reduce((a, m) => a + m[1], 0) / 1024};
}"""

# While playing: ms from the keydown to the first boundary picture (alt text given) decoded
# after the run that took the new value started (it marks the pressed slider stale).
REFLECTED = """(alt) => {
  const L = window.__lat;
  if (!L.key.length) return false;
  const k = L.key[0], s = L.targetStale.find(x => x >= k);
  if (s === undefined) return false;
  const d = L.draws.find(d => d[1].startsWith('img:') && d[1].includes(alt) && d[0] >= s);
  return d ? d[0] - k : false;
}"""


# ----------------------------------------------------------------------------- servers
@contextlib.contextmanager
def serve(script: str, log: Path) -> Iterator[str]:
    """``streamlit run <script>`` headless on a free port (as the browser tests start the
    app), its log in ``log``'s folder; yield its base URL; stop it."""
    with harness.serve(log.parent, script=script) as server:
        yield server.url


@contextlib.contextmanager
def classroom_load(app_url: str, students: int) -> Iterator[dict]:
    """``students`` of ``bench.bench_classroom --hold`` playing the MLP page on ``app_url``
    while the block runs; yields a dict that holds, after the block, what they saw
    (``redraws_median``, ``redraws_min`` per second, ``errors``; ``failed`` if they could
    not play). Their own timeouts bound the wait for them to start."""
    cmd = [sys.executable, "-m", "bench.bench_classroom", "--url", app_url,
           "--students", str(students), "--hold"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    out: dict = {"k": students}
    try:
        seen: list[str] = []
        for line in proc.stdout:  # until they all pressed Play (or the process ended)
            seen.append(line)
            if line.strip() == "playing":
                break
        if not seen or seen[-1].strip() != "playing":
            raise RuntimeError("the class did not start playing:\n" + "".join(seen[-20:]))
        time.sleep(LOAD_WARMUP_S)  # past the first frames' burst
        yield out
    finally:
        try:  # closes its input: the students stop, and their figures come back as JSON
            rest, _ = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            rest, _ = proc.communicate()
        for line in reversed(rest.splitlines()):
            if line.startswith("{"):
                out.update(json.loads(line))
                break
        else:
            out["failed"] = rest[-2000:]


# ----------------------------------------------------------------------------- one press
class Slider:
    """A slider's thumb on a page, pressed alternately right and left from where it is."""

    def __init__(self, page, label: str, cost: bool = False):
        self.page = page
        self.label = label
        self.cdp = None
        if cost:  # the browser's main-thread time per press, from Chromium's own profiler
            self.cdp = page.context.new_cdp_session(page)
            self.cdp.send("Profiler.enable")
            self.cdp.send("Profiler.setSamplingInterval", {"interval": 250})
        text = label.replace("\\", "\\\\").replace('"', '\\"')
        self.thumb = page.locator(
            f'[data-testid=stSlider] input[type=range][aria-label="{text}"]').first
        value, top = self.thumb.evaluate("e => [Number(e.value), Number(e.max)]")
        self.presses = 0 if value < top else 1  # at the top: start with ArrowLeft

    def send(self) -> None:
        """Clear the recorder, focus the thumb, press the next arrow key."""
        key = "ArrowRight" if self.presses % 2 == 0 else "ArrowLeft"
        self.presses += 1
        self.thumb.evaluate("e => { window.__lat.reset(); window.__lat.target = e; e.focus(); }")
        self.page.keyboard.press(key)

    def press(self) -> dict:
        """One key press timed until settled and visibly updated (ms); NaN if the app
        was not idle again within TIMEOUT_MS."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        if self.cdp:
            self.cdp.send("Profiler.start")
        self.send()
        try:
            self.page.wait_for_function(DONE, arg=[GRACE_MS, QUIET_MS], timeout=TIMEOUT_MS,
                                        polling=20)
        except PlaywrightTimeout:
            return {"settled": float("nan"), "visible": None, "graced": False}
        finally:
            busy = busy_ms(self.cdp.send("Profiler.stop")["profile"]) if self.cdp else None
        return {**self.page.evaluate(FIGURES, [QUIET_MS]), "busy": busy}

    def restore(self, wait_ready) -> None:
        """Put the value back if an odd number of presses moved it (not timed)."""
        if self.presses % 2 == 1:
            self.press()
            wait_ready(self.page)


def busy_ms(profile: dict) -> float:
    """Main-thread time (ms) in a CDP CPU profile that was not idle: scripts, layout, paint
    and garbage collection (the profile spans the press, the run and the quiet spell)."""
    idle = {n["id"] for n in profile["nodes"] if n["callFrame"]["functionName"] == "(idle)"}
    deltas = profile["timeDeltas"][1:] + [0]
    return sum(d for sid, d in zip(profile["samples"], deltas) if sid not in idle) / 1e3


def open_page(context, url: str):
    """A page of ``context`` at ``url`` with the recorder, once the app is idle."""
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.add_init_script(RECORDER)
    page.goto(url)
    harness.wait_ready(page, timeout=120_000)
    page.wait_for_timeout(500)
    return page


def slider_labels(page) -> list[str]:
    """The labels of the sliders shown now (each once; a range slider has two thumbs)."""
    labels = page.locator("[data-testid=stMain] [data-testid=stSlider] input[type=range]")
    names = labels.evaluate_all("es => es.map(e => e.getAttribute('aria-label'))")
    return list(dict.fromkeys(names))


def _reveal(page, slider: Slider, wait_ready) -> bool:
    """Open the closed expander holding the slider; True if its thumb can now be used."""
    if slider.thumb.evaluate("e => !!e.closest('details:not([open])')"):
        slider.thumb.locator("xpath=ancestor::details[1]/summary").click()
        wait_ready(page)
    return slider.thumb.evaluate("e => !e.disabled && !!e.closest('[data-testid=stSlider]')"
                                 " .getBoundingClientRect().height")


# ----------------------------------------------------------------------------- a page
def measure_page(app_ctx, toy: Slider, url: str, page_id: str, lang: str, reps: int,
                 max_sliders: int | None = None, notes: list[str] | None = None,
                 cost: bool = False) -> list[dict]:
    """Every slider of one page in one language, each pressed ``reps`` times, each press
    after a toy press. Returns one row per slider: label, page and toy samples."""
    notes = notes if notes is not None else []
    page = open_page(app_ctx, f"{url}/{PAGE_BY_ID[page_id].url_path}?lang={lang}")
    rows: list[dict] = []
    done: set[str] = set()
    where = f"{page_id} ({lang})"

    def sweep(tab: str) -> None:
        for label in slider_labels(page):
            if label in done or (max_sliders is not None and len(rows) >= max_sliders):
                continue
            done.add(label)
            slider = Slider(page, label, cost)
            if not _reveal(page, slider, harness.wait_ready):
                notes.append(f"{where}: skipped slider {label!r} (disabled or hidden)")
                continue
            row = {"label": label, "tab": tab, "page": [], "toy": []}
            for _ in range(reps):
                row["toy"].append(toy.press())
                row["page"].append(slider.press())
            slider.restore(harness.wait_ready)
            rows.append(row)

    try:
        sweep("")
        tabs = page.locator("[data-testid=stMain] [role=tab]")
        for i in range(tabs.count()):
            if tabs.nth(i).get_attribute("aria-selected") == "true":
                continue
            name = tabs.nth(i).inner_text().strip()
            tabs.nth(i).click()
            harness.wait_ready(page)
            sweep(name)
        if not rows:
            errors = page.locator("[data-testid=stException]").all_inner_texts()
            shown = f"; the page shows an exception: {errors[0][:200]!r}" if errors else ""
            notes.append(f"{where}: no slider measured{shown}")
    finally:
        page.close()
    return rows


def measure_playing(app_ctx, toy: Slider, url: str, lang: str, reps: int,
                    notes: list[str]) -> dict:
    """While the MLP page plays: Noise key press -> the next boundary picture decoded after
    the run that took the value started (ms); with the toy presses interleaved."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = open_page(app_ctx, f"{url}/{PAGE_BY_ID['mlp'].url_path}?lang={lang}")
    alt = describe.BOUNDARY_MARKS[lang][0]  # the boundary's alt text says its epoch
    out: dict = {"page": [], "toy": []}
    try:
        page.get_by_role("button", name=tr("mlp.play", lang)).click()
        page.get_by_role("button", name=tr("mlp.pause", lang)).wait_for()
        page.wait_for_timeout(2000)
        slider = Slider(page, tr("mlp.noise", lang))
        for _ in range(reps):
            out["toy"].append(toy.press())
            slider.send()
            try:
                got = page.wait_for_function(REFLECTED, arg=alt, timeout=TIMEOUT_MS,
                                             polling=20).json_value()
            except PlaywrightTimeout:
                got = None
                notes.append(f"mlp playing ({lang}): no boundary after the change within "
                             f"{TIMEOUT_MS // 1000} s")
            out["page"].append({"settled": float("nan"), "visible": got, "graced": False})
            page.wait_for_timeout(500)
        page.get_by_role("button", name=tr("mlp.pause", lang)).click()
        harness.wait_ready(page)
    finally:
        page.close()
    return out


def measure_floor_parts(browser, toy_url: str, static: int, presses: int,
                        changed: int = 12) -> dict:
    """The toy plain and with what every page has (``static`` unchanged elements on the
    page; the link written on every run; both), then with ``changed`` elements redrawn by
    the slider, alone and with the other two, pressed in turn ``presses`` times each.
    Returns ``{variant name: samples}``, the plain toy first."""
    view = {"viewport": {"width": 1400, "height": 1000}, "locale": "en-US"}
    variants = {"floor": "", f"+ {static} elements on the page": f"?static={static}",
                "+ the link written": "?link=1",
                "+ both": f"?static={static}&link=1",
                f"+ {changed} elements it changes": f"?changed={changed}",
                "+ all three": f"?static={static}&link=1&changed={changed}"}
    contexts, sliders = [], {}
    try:
        for name, query in variants.items():
            contexts.append(ctx := browser.new_context(**view))
            sliders[name] = Slider(open_page(ctx, toy_url + query), "k")
        out: dict = {name: [] for name in variants}
        for _ in range(presses):
            for name, slider in sliders.items():
                out[name].append(slider.press())
    finally:
        for ctx in contexts:
            ctx.close()
    return out


# ----------------------------------------------------------------------------- figures
def p90(xs: list[float]) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(0.9 * len(s)))] if s else float("nan")


def _ms(x: float) -> int | None:
    return round(x) if math.isfinite(x) else None


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def figures(page_samples: list[dict], toy_samples: list[dict]) -> dict:
    """Median/p90 to settled, median to visibly updated, and the ratios to the toy."""
    settled = [s["settled"] for s in page_samples if math.isfinite(s["settled"])]
    visible = [s["visible"] for s in page_samples if s["visible"] is not None]
    toy_settled = [s["settled"] for s in toy_samples if math.isfinite(s["settled"])]
    toy_visible = [s["visible"] for s in toy_samples if s["visible"] is not None]
    first = [s["first"] for s in page_samples if s.get("first") is not None]
    f = {"n": len(page_samples), "settled_median": median(settled), "settled_p90": p90(settled),
         "visible_median": median(visible), "visible_n": len(visible),
         "first_median": median(first),
         "graced": sum(s["graced"] for s in page_samples),
         "toy_settled_median": median(toy_settled), "toy_visible_median": median(toy_visible)}
    f["ratio_median"] = f["settled_median"] / f["toy_settled_median"]
    f["ratio_p90"] = f["settled_p90"] / f["toy_settled_median"]
    f["ratio_visible"] = f["visible_median"] / f["toy_visible_median"]
    f["ratio_first"] = f["first_median"] / f["toy_visible_median"]
    return f


def run(browser, app_url: str, toy_url: str, pages=PAGE_IDS, langs=LANGS, reps: int = 5,
        max_sliders: int | None = None, play_reps: int = 5, cost: bool = False) -> dict:
    """The whole measurement with a launched Playwright ``browser``; returns
    ``{"pages": {id: {"sliders": rows, "figures": ...}}, "playing": ..., "notes": [...]}``."""
    view = {"viewport": {"width": 1400, "height": 1000}, "locale": "en-US"}
    app_ctx, toy_ctx = browser.new_context(**view), browser.new_context(**view)
    toy_page = open_page(toy_ctx, toy_url)
    toy = Slider(toy_page, "k", cost)
    result: dict = {"pages": {}, "playing": None, "notes": []}
    try:
        for page_id in pages:
            rows = []
            for lang in langs:
                for row in measure_page(app_ctx, toy, app_url, page_id, lang, reps,
                                        max_sliders, result["notes"], cost):
                    rows.append({"lang": lang, **row})
            result["pages"][page_id] = {
                "sliders": rows,
                "figures": figures([s for r in rows for s in r["page"]],
                                   [s for r in rows for s in r["toy"]])}
        if play_reps and "mlp" in pages:
            p = measure_playing(app_ctx, toy, app_url, langs[0], play_reps, result["notes"])
            result["playing"] = {"samples": p, "figures": figures(p["page"], p["toy"])}
    finally:
        app_ctx.close()
        toy_ctx.close()
    return result


def _cost(row: dict) -> str:
    """``--cost``: a slider's median websocket messages, KiB and browser busy ms per press,
    and the toy's busy ms beside it."""
    busy = [s["busy"] for s in row["page"] if s.get("busy") is not None]
    if not busy:
        return ""
    msgs = median([s["msgs"] for s in row["page"] if "msgs" in s])
    kb = median([s["kb"] for s in row["page"] if "kb" in s])
    toy = median([s["busy"] for s in row["toy"] if s.get("busy") is not None])
    return (f"\n        cost: {msgs:.0f} msgs, {kb:.1f} KiB, browser busy {median(busy):.0f} ms "
            f"(toy {toy:.0f})")


def report(result: dict, verbose: bool = False) -> list[str]:
    """The printed lines: a row per page, the playing figure, the summary."""
    lines = [f"{'page':12} {'sliders':>7} {'n':>4}  {'settled median':>14} {'p90':>6}  "
             f"{'visible median':>14}  {'toy':>10}  {'ratio median':>12} {'p90':>5} "
             f"{'visible':>7}  {'first response':>14}"]
    for page_id, p in result["pages"].items():
        f = p["figures"]
        lines.append(
            f"{page_id:12} {len(p['sliders']):7d} {f['n']:4d}  {f['settled_median']:11.0f} ms "
            f"{f['settled_p90']:6.0f}  {f['visible_median']:8.0f} ms ({f['visible_n']:3d})  "
            f"{f['toy_settled_median']:4.0f}/{f['toy_visible_median']:3.0f} ms  "
            f"{f['ratio_median']:11.2f}x {f['ratio_p90']:4.2f}x {f['ratio_visible']:6.2f}x"
            f"  {f['first_median']:5.0f} ms {f['ratio_first']:5.2f}x"
            + (f"   ({f['graced']} graced)" if f["graced"] else ""))
        if verbose:
            for r in p["sliders"]:
                g = figures(r["page"], r["toy"])
                lines.append(f"    {r['lang']} {r['tab'] or '-':14.14} {r['label'][:28]:28} "
                             f"settled {g['settled_median']:5.0f} ms (toy "
                             f"{g['toy_settled_median']:4.0f}), visible "
                             f"{g['visible_median']:5.0f} ms, first "
                             f"{g['first_median']:5.0f} ms  all "
                             f"{[_ms(s['settled']) for s in r['page']]}" + _cost(r))
    if result["playing"]:
        f = result["playing"]["figures"]
        lines.append(f"mlp playing: Noise key press -> next boundary reflecting it: median "
                     f"{f['visible_median']:.0f} ms (n={f['visible_n']}), toy settled "
                     f"{f['toy_settled_median']:.0f} ms, ratio "
                     f"{f['visible_median'] / f['toy_settled_median']:.2f}x (target <= 1.5x)")
    if result.get("floor_parts"):
        parts = result["floor_parts"]
        base = median([s["settled"] for s in parts["floor"] if math.isfinite(s["settled"])])
        lines.append(f"floor parts (the toy with what every page has; {len(parts['floor'])} "
                     f"presses each, in turn):")
        for name, samples in parts.items():
            m = median([s["settled"] for s in samples if math.isfinite(s["settled"])])
            extra = "" if name == "floor" else f"  ({m - base:+.0f} ms, " \
                f"{(m - base) / base:+.2f}x the floor)"
            lines.append(f"    {name:32} settled median {m:4.0f} ms{extra}")
    if result.get("load"):
        ld = result["load"]
        lines.append(
            f"under load: {ld['k']} students playing the MLP page on the app's server "
            + (f"(redraws/s each during the measurement: median {ld['redraws_median']:.1f}, "
               f"min {ld['redraws_min']:.1f}; {len(ld['errors'])} client errors)"
               if "redraws_median" in ld else f"(their figures are missing: "
               f"{ld.get('failed', '')[-300:]!r})"))
    lines.extend(f"note: {n}" for n in result["notes"])
    figs = [p["figures"] for p in result["pages"].values()]
    if figs:
        toy_all = [s for p in result["pages"].values() for r in p["sliders"] for s in r["toy"]]
        worst = max(result["pages"], key=lambda k: result["pages"][k]["figures"]["ratio_median"])
        lines.append(
            f"summary: toy floor median {figures(toy_all, toy_all)['settled_median']:.0f} ms "
            f"(n={len(toy_all)}); page medians {min(f['ratio_median'] for f in figs):.2f}-"
            f"{max(f['ratio_median'] for f in figs):.2f}x the floor (worst {worst}), p90s up to "
            f"{max(f['ratio_p90'] for f in figs):.2f}x; targets <= 1.5x median, <= 2.5x p90")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", default=",".join(PAGE_IDS),
                    help=f"comma-separated, of {','.join(PAGE_IDS)}")
    ap.add_argument("--lang", choices=LANGS, help="one language only (default: both)")
    ap.add_argument("--reps", type=int, default=5, help="presses per slider (default 5)")
    ap.add_argument("--max-sliders", type=int, help="at most this many sliders per page")
    ap.add_argument("--play-reps", type=int, default=5,
                    help="presses while the MLP page plays (0: skip)")
    ap.add_argument("--url", help="measure this running app instead of starting one")
    ap.add_argument("--toy-url", help="measure this running toy app instead of starting one")
    ap.add_argument("--json", help="write the figures and every sample to this file")
    ap.add_argument("-v", "--verbose", action="store_true", help="a line per slider")
    ap.add_argument("--cost", action="store_true",
                    help="with -v: per slider, the websocket messages and KiB a press brings "
                         "and the browser main thread's busy ms (Chromium's profiler)")
    ap.add_argument("--floor-parts", action="store_true",
                    help="also measure the toy with --static unchanged elements on its page, "
                         "with its link written on every run, and with both")
    ap.add_argument("--load", type=int, default=0, metavar="K",
                    help="measure while K students play the MLP page on the app's server "
                         "(bench.bench_classroom --hold)")
    ap.add_argument("--static", type=int, default=90,
                    help="--floor-parts: the unchanged elements (default 90, about a page of "
                         "ours: widgets, texts and layout blocks)")
    ap.add_argument("--changed", type=int, default=12,
                    help="--floor-parts: the elements the slider changes (default 12, what a "
                         "Neuron weight redraws: charts, numbers, formulas, texts)")
    args = ap.parse_args()
    pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    unknown = set(pages) - set(PAGE_IDS)
    if unknown:
        ap.error(f"unknown pages: {', '.join(sorted(unknown))}")
    from playwright.sync_api import sync_playwright

    print("machine:", machine())
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        app = args.url or stack.enter_context(serve("streamlit_app.py", Path(tmp, "app.log")))
        toy = args.toy_url or stack.enter_context(serve(TOY, Path(tmp, "toy.log")))
        print(f"app {app}, toy floor {toy}")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=harness.CHROMIUM,
                                         args=harness.CHROMIUM_ARGS + EXTRA_ARGS)
            try:
                with (classroom_load(app, args.load) if args.load
                      else contextlib.nullcontext({})) as load:
                    result = run(browser, app, toy, pages, [args.lang] if args.lang else LANGS,
                                 args.reps, args.max_sliders, args.play_reps, args.cost)
                result["load"] = load or None
                if args.floor_parts:
                    result["floor_parts"] = measure_floor_parts(browser, toy, args.static,
                                                                4 * args.reps, args.changed)
            finally:
                browser.close()
    for line in report(result, args.verbose):
        print(line)
    print(f"took {time.perf_counter() - t0:.0f} s")
    print("machine after:", machine())
    if args.json:
        result["machine"] = machine()
        Path(args.json).write_text(json.dumps(result, indent=1, default=str))


if __name__ == "__main__":
    main()
