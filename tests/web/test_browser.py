"""The main flow in Debian's chromium (Playwright): upload an export, read the answer, open an
activity, add a strength session, see the dashboard change; every page at 390 px without
sideways scroll, in dark mode, without console errors. Screenshots go to a temporary folder,
or to the folder named by ``LEGLOAD_SCREENSHOTS`` (``LEGLOAD_SCREENSHOTS=docs/screenshots`` renews
the README's pictures)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from legload.web import Settings
from tests.web.helpers import running_server, sample_export

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists()
                                        else None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _no_sideways_scroll(page, url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{url}: {width} px wide at 390 px"


def _quadriceps_sets(page) -> str:
    return page.locator('#muscles [data-muscle="quadriceps"] dd').nth(1).inner_text()


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
def test_upload_dashboard_activity_strength_flow(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    export = sample_export(tmp_path)
    errors: list[str] = []
    shots = Path(os.environ.get("LEGLOAD_SCREENSHOTS") or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    with running_server(Settings(db=tmp_path / "legload.sqlite")) as base, \
            sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base}/upload")
        page.set_input_files("#files", str(export))
        page.click("#upload-form button[type=submit]")
        page.wait_for_selector("#progress li.outcome-imported, #progress li.outcome-salvaged",
                               timeout=120_000)
        page.screenshot(path=str(shots / "upload.png"), full_page=True)
        page.goto(f"{base}/")
        assert page.locator("#headline").inner_text().strip()
        assert page.locator("#muscles .card").count() == 7
        assert page.locator("#body-map [data-muscle][data-verdict]").count() >= 14
        before = _quadriceps_sets(page)
        page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
        page.goto(f"{base}/activities")
        page.locator("#activities a").first.click()
        page.wait_for_selector("#route svg")
        assert page.locator("#muscle-chart svg polyline").count() == 7
        page.screenshot(path=str(shots / "activity.png"), full_page=True)
        activity_url = page.url
        page.goto(f"{base}/logs")
        form = page.locator("#form-strength")
        form.locator("input[name=date]").fill(dt.datetime.now(dt.UTC).date().isoformat())
        form.locator("input[name=exercise]").fill("back squat")
        form.locator("input[name=reps]").fill("8")
        form.locator("input[name=weight_kg]").fill("60")
        form.locator("button[type=submit]").click()
        page.wait_for_selector("#strength td:has-text('back squat')")
        page.goto(f"{base}/")
        after = _quadriceps_sets(page)
        assert before != after, (before, after)
        page.emulate_media(color_scheme="dark")
        for url in ("/", "/activities", activity_url, "/upload", "/logs", "/squad", "/login"):
            _no_sideways_scroll(page, url if url.startswith("http") else base + url)
            background = page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert background == "rgb(20, 21, 24)", (url, background)  # dark mode applied
        page.goto(f"{base}/")
        page.screenshot(path=str(shots / "dashboard-phone-dark.png"), full_page=True)
        browser.close()
    assert errors == []
