"""Does every learning-rate change reach the link while the MLP page plays? (The link
race fixed with ``ui.delivery.hand_over``.)

Usage::

    python -m bench.bench_link                  # 150 presses, two busy processes beside it
    python -m bench.bench_link --presses 300 --busy 0

It starts ``streamlit run streamlit_app.py`` on a free port and, in headless Debian
Chromium, opens the MLP page, presses Play, focuses the learning-rate slider and presses
ArrowRight and ArrowLeft in turn (0.03 and 0.1). After each press it waits until the page
has run with the new value (a script run finished after the slider's message was sent),
then until the link's ``lr=`` says what the slider shows. A press whose link still says
the old rate ``--wait`` seconds later is a miss: the session trains at the new rate, but a
link copied from the address bar opens the old one. It prints the misses, the presses and
the machine (``harness.machine``).

``--busy K`` runs K ``python -c "while True: pass"`` beside it (the suite's loaded runs
use two): the race needs a busy event loop. Measured here on 2026-12-07, two busy
processes: 8 of 200 presses missed before the fix (be8d1d3), 0 of 1,000 after it
(6bf6dc5: 200, 200 and 600 presses).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

from bench import harness


def lr_in_link(page: object) -> str:
    """The ``lr=`` of the address bar ('' if none)."""
    return parse_qs(urlsplit(page.url).query).get("lr", [""])[-1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--presses", type=int, default=150)
    ap.add_argument("--busy", type=int, default=2, help="busy processes beside the run")
    ap.add_argument("--wait", type=float, default=10.0,
                    help="seconds a press's link may take before it counts as a miss")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
            for _ in range(args.busy)]
    misses: list[tuple[int, str, str]] = []
    try:
        with harness.serve() as server, sync_playwright() as pw:
            browser = harness.launch_chromium(pw)
            page = harness.new_page(browser)
            page.goto(f"{server.url}/MLP?lang=en")
            harness.wait_ready(page)
            page.locator(".st-key-mlp_play_btn button").click()
            thumb = page.locator(".st-key-mlp_lr input[type=range]")
            for i in range(args.presses):
                thumb.focus()
                before = thumb.get_attribute("aria-valuetext")
                since = harness.mark(page)
                page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
                harness.wait_until(page, lambda b=before: thumb.get_attribute(
                    "aria-valuetext") != b, args.wait * 1000)
                harness.wait_ready(page, since=since)
                shown = thumb.get_attribute("aria-valuetext") or ""
                if not harness.wait_until(page, lambda s=shown: lr_in_link(page) == s,
                                          args.wait * 1000):
                    misses.append((i, shown, lr_in_link(page)))
                    print(f"press {i}: the slider shows {shown}, the link says "
                          f"lr={lr_in_link(page)}", flush=True)
            browser.close()
    finally:
        for p in busy:
            p.kill()
    print(harness.machine())
    print(f"{len(misses)} of {args.presses} presses: the link kept the old learning rate "
          f"(busy processes beside: {args.busy})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
