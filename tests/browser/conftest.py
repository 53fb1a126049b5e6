"""Headless Chromium (Debian's) driven by Playwright, against pytest-django's live server.

Every page records console errors, page errors and CSP violations; tests assert there are
none. Screenshots land in var/test-artifacts/screenshots/ for a person to look at."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.conftest import PASSWORD, ROOT

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "var" / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: `apt-get install -y chromium` (.ci/run does)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@dataclass
class Session:
    """One browser context (one person) with what went wrong on its pages."""

    context: BrowserContext
    page: Page
    base_url: str
    problems: list[str] = field(default_factory=list)

    def login(self, username: str, password: str = PASSWORD) -> None:
        self.page.goto(f"{self.base_url}/login/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Log in").click()
        self.page.wait_for_load_state("networkidle")

    def screenshot(self, name: str, **options) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True, **options)
        return path


def open_session(browser: Browser, base_url: str) -> Session:
    context = browser.new_context(
        base_url=base_url, locale="en-CA", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    session = Session(context=context, page=page, base_url=base_url)

    def on_console(message) -> None:
        if message.type == "error":
            session.problems.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: session.problems.append(f"pageerror: {error}"))
    return session


@pytest.fixture
def session(browser: Browser, live_server) -> Iterator[Session]:
    session = open_session(browser, live_server.url)
    yield session
    session.context.close()


@pytest.fixture
def second_session(browser: Browser, live_server) -> Iterator[Session]:
    session = open_session(browser, live_server.url)
    yield session
    session.context.close()
