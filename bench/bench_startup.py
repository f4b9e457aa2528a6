"""Cold start and server memory, as a new user of a fresh deploy meets them (issue 11).

Usage::

    python -m bench.bench_startup            # 3 rounds, each on a fresh server
    python -m bench.bench_startup --rounds 1

Each round starts ``streamlit run streamlit_app.py`` and measures, in headless Chromium:

* cold start: from starting the server to the home page's title being visible;
* the first MLP page load on that server (a click on its sidebar link until the page is
  idle with its picture shown);
* the server's memory (RSS, MiB) after every page has been opened once, and, where torch
  is installed, after the Activations page's "Compare with PyTorch" check (which imports
  torch in the server).

The machine's load is printed beside the figures: measure on a quiet machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import time
from pathlib import Path

from bench import harness
from bench.harness import ROOT, machine
from ui import describe
from ui.frame import PAGES
from ui.i18n import tr


def rss_mib(pid: int) -> float:
    """Resident memory of process ``pid`` in MiB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def one_round(browser) -> dict:
    """Start a server, open the home page, then every page; return the figures."""
    port = harness.free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = harness.server_command(port)
    page = harness.new_page(browser, timeout_ms=60_000)
    context = page.context
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:  # the page is requested as soon as the port answers
            try:
                page.goto(url, timeout=500)
                break
            except Exception:  # noqa: BLE001 - not listening yet
                if proc.poll() is not None:
                    raise RuntimeError("the server exited") from None
                time.sleep(0.05)
        page.get_by_role("heading", level=1, name=tr("home.title", "en")).wait_for()
        cold = time.perf_counter() - t0
        harness.wait_ready(page)
        t1 = time.perf_counter()
        page.locator("[data-testid=stSidebar] [data-testid=stPageLink]").filter(
            has_text=tr("nav.mlp", "en")).click()
        page.get_by_role("heading", level=1, name=tr("mlp.title", "en")).wait_for()
        page.locator(describe.boundary_selector("en")).first.wait_for()
        harness.wait_ready(page)
        mlp = time.perf_counter() - t1
        for info in PAGES:
            page.goto(f"{url}/{info.url_path}?lang=en")
            harness.wait_ready(page)
        page.wait_for_timeout(1000)
        rss_pages = rss_mib(proc.pid)
        rss_torch = None
        if importlib.util.find_spec("torch") is not None:
            page.goto(f"{url}/Activations?lang=en&tab=table")
            harness.wait_ready(page)
            page.get_by_role("button", name=tr("act.table.torch_button", "en")).click()
            harness.wait_ready(page, timeout=120_000)
            page.get_by_text(tr("act.table.torch_note", "en")[:40]).wait_for()
            rss_torch = rss_mib(proc.pid)
        return {"cold": cold, "mlp": mlp, "rss_pages": rss_pages, "rss_torch": rss_torch}
    finally:
        context.close()
        proc.terminate()
        proc.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print("machine:", machine())
    with sync_playwright() as pw:
        browser = harness.launch_chromium(pw)
        rounds = [one_round(browser) for _ in range(args.rounds)]
        browser.close()
    for i, r in enumerate(rounds, 1):
        torch_text = f"{r['rss_torch']:.0f} MiB" if r["rss_torch"] is not None else "no torch"
        print(f"round {i}: cold start {r['cold']:.2f} s, first MLP page {r['mlp']:.2f} s, "
              f"RSS after every page {r['rss_pages']:.0f} MiB, after a PyTorch check "
              f"{torch_text}")
    med = {k: statistics.median(r[k] for r in rounds) for k in ("cold", "mlp", "rss_pages")}
    print(f"summary: cold start median {med['cold']:.2f} s (target <= 2.5), first MLP page "
          f"median {med['mlp']:.2f} s (target <= 2.5), RSS after every page median "
          f"{med['rss_pages']:.0f} MiB (target <= 220)")
    print("machine after:", machine())


if __name__ == "__main__":
    main()
