"""Helpers for the browser walk-throughs: one headless Chromium, fresh contexts, and the
few steps every walk-through repeats (sign in, read the menu)."""

from __future__ import annotations

import os
from pathlib import Path

from django.utils import translation

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium keeps calling home, which a closed network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Long enough for a slow CI machine, short enough that a missing element fails fast.
TIMEOUT_MS = 10_000


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        args=CHROMIUM_ARGS,
        headless=True,
    )


def new_page(browser):
    """A fresh context (own cookies: own session and language), and one page in it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def sign_in(page, base_url: str, username: str, password: str) -> None:
    """Through the real sign-in form, as a person would."""
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def nav_labels(page) -> list[str]:
    """The visible labels of the main menu, in order."""
    return [text.strip() for text in page.locator("[data-testid=nav] a.nav-link").all_inner_texts()]


def translated(text, language: str = "zh-hans") -> str:
    with translation.override(language):
        return str(text)


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_fits_width(page) -> None:
    """Nothing sticks out sideways: no horizontal scrolling, no menu item off screen."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the window"
