"""Browser tests: a real headless Chromium (Debian's package) driven by Playwright against the
live test server. Without Chromium they are skipped, unless GONGKAI_REQUIRE_SYSTEM_TOOLS is set
(as .ci/run sets it), in which case they fail."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("GONGKAI_REQUIRE_SYSTEM_TOOLS"):
            pytest.fail("Chromium is required here but not installed")
        pytest.skip("Chromium is not installed on this machine (CI installs it)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs its own event loop; Django's async-safety check would
    # otherwise refuse database access from the test thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def new_page(browser):
    """Pages with their own cookies (one per person); all closed when the test ends, so no
    connection to the live server outlives the test's database."""
    contexts = []

    def make():
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def open_staff_page(page, text: str) -> None:
    """Go to a staff page through the menu as a person does: open its group, then its link."""
    page.click(f"nav.main-nav details:has(a:text-is('{text}')) > summary")
    page.click(f"nav.main-nav details[open] a:text-is('{text}')")
