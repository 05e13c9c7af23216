"""A real browser on ``reskg serve``: Debian's chromium, headless, driven by Playwright.

The browser is never downloaded: ``RESKG_CHROMIUM`` names it, else /usr/bin/chromium.
Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_serve import Served, start_server, subject_resolution

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("RESKG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    served = start_server(tmp_path_factory.mktemp("browser"))
    yield served
    served.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"no chromium at {CHROMIUM} (set RESKG_CHROMIUM)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        launched.close()


def test_browse_resolution_person_and_canned_query(server: Served, browser) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))

    page.goto(server.url + "/")
    page.screenshot(path=str(ARTIFACTS / "serve-landing.png"), full_page=True)

    # the landing page lists the resolution the article is about; open it
    resolution = str(subject_resolution(server.graph))
    path = resolution[len("https://w3id.org/reskg") :]
    page.click(f'main a[href="{path}"]')
    page.wait_for_url(f"**{path}")
    assert page.locator("h1").inner_text().strip()
    assert page.locator("mark").count() > 0  # the sentences, with the span marked
    assert page.locator("svg").count() == 1  # what it cites and what cites it
    assert page.locator("ol.timeline li").count() > 0
    page.screenshot(path=str(ARTIFACTS / "serve-resolution.png"), full_page=True)

    # follow a link to a person
    person = page.locator('table.mentioned a[href^="/person/"]').first
    name = person.inner_text()
    person.click()
    page.wait_for_url("**/person/**")
    assert page.locator("h1").inner_text() == name
    assert page.locator("blockquote mark").count() > 0
    page.screenshot(path=str(ARTIFACTS / "serve-person.png"), full_page=True)

    # run a canned query from the landing page and see its rows
    page.goto(server.url + "/")
    page.click('table.queries a[href="/query/people"]')
    page.wait_for_url("**/query/people")
    rows = page.locator("table.results tbody tr")
    assert rows.count() > 0
    assert name in page.locator("table.results").inner_text()
    page.screenshot(path=str(ARTIFACTS / "serve-query-people.png"), full_page=True)

    # and an own query through the form on /sparql
    page.goto(server.url + "/sparql")
    page.fill("textarea[name=query]", "SELECT ?r WHERE { ?r a reskg:Resolution }")
    page.click("button[type=submit]")
    page.wait_for_url("**/sparql?query=**")
    assert page.locator("table.results tbody tr").count() > 0
    page.screenshot(path=str(ARTIFACTS / "serve-sparql.png"), full_page=True)
    assert not errors
    page.close()
