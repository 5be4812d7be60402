import os
import shutil
from collections.abc import Iterator
from importlib import import_module
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings

CHROMIUM = "/usr/bin/chromium"


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
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_default_timeout(10_000)
    yield page
    context.close()
    # A CSP violation or a script error shows up on the console.
    assert errors == []


def _audit_delete_trigger(blocker: Any, sql: str) -> None:
    if connection.vendor == "sqlite":
        with blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(sql)


@pytest.fixture(autouse=True)
def _flush_past_the_audit_trigger(request: Any, django_db_blocker: Any) -> Iterator[None]:
    """The flush after a live-server test empties SQLite's tables with DELETE, which the audit
    log's append-only trigger refuses: it is dropped for the flush, and put back right after."""
    migration = import_module("lotse.audit.migrations.0006_append_only_trigger_sqlite")
    request.node.lotse_restore_trigger = lambda: _audit_delete_trigger(
        django_db_blocker, migration.NO_DELETE
    )
    yield
    _audit_delete_trigger(django_db_blocker, migration.DROP_NO_DELETE)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: Any, nextitem: Any) -> Iterator[None]:
    try:
        return (yield)
    finally:
        restore = getattr(item, "lotse_restore_trigger", None)
        # After the last test the test database is gone already.
        if restore is not None and nextitem is not None:
            restore()
