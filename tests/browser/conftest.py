import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# axe-core runs on every page a browser test loads, in the state the test brought it to, and
# reports to Python through a binding. A page left before its check finished is loaded again
# at the end of the test and checked then.
AXE_ON_LOAD = """
window.addEventListener("load", () => {
  window.__lotseAxe = axe.run(document, {resultTypes: ["violations"]}).then((result) => {
    const serious = result.violations.filter((v) => ["serious", "critical"].includes(v.impact));
    return window.lotseAxeReport(location.href, serious.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    })));
  });
});
"""


@pytest.fixture(scope="session", autouse=True)
def _plain_http_live_server() -> Iterator[None]:
    # The live server speaks plain HTTP and reads the setting once, when its thread starts.
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        if os.environ.get("LOTSE_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing but LOTSE_REQUIRE_BROWSER is set")
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own database
    # set-up is still synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, settings: Any) -> Iterator[Any]:
    # The live server speaks plain HTTP, where a browser drops cookies marked secure.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(locale="de-DE")
    checked: dict[str, list[dict[str, Any]]] = {}
    loaded: list[str] = []
    context.expose_binding(
        "lotseAxeReport", lambda _source, url, violations: checked.__setitem__(url, violations)
    )
    context.add_init_script(script=AXE.read_text(encoding="utf-8") + AXE_ON_LOAD)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("load", lambda p: loaded.append(p.url))
    page.set_default_timeout(10_000)
    yield page
    _check_pages_left_early(page, loaded, checked)
    context.close()
    # A CSP violation or a script error shows up on the console.
    assert errors == []
    violations = {url: found for url, found in checked.items() if found}
    assert violations == {}, "axe-core: serious or critical violations\n" + json.dumps(
        violations, indent=2, ensure_ascii=False
    )


def _check_pages_left_early(
    page: Any, loaded: list[str], checked: dict[str, list[dict[str, Any]]]
) -> None:
    if page.url in loaded and page.url not in checked:
        page.evaluate("window.__lotseAxe")
    for url in dict.fromkeys(loaded):
        if url.startswith("http") and url not in checked:
            page.goto(url)
            page.evaluate("window.__lotseAxe")
