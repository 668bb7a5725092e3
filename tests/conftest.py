"""Fixtures of the browser tests: one headless Chromium per module, fresh contexts, the live
server with the demo consortium.

Playwright's sync API keeps an asyncio loop running in the main thread, which makes
Django refuse database access there (SynchronousOnlyOperation). The ``chromium``
fixture sets DJANGO_ALLOW_ASYNC_UNSAFE while the browser runs, as Django documents for
this case (https://docs.djangoproject.com/en/5.2/topics/async/#async-safety), and
restores it afterwards so no other test module runs with the check off."""

import io
import os

import pytest
from django.core.management import call_command
from playwright.sync_api import sync_playwright

from members.demo import ORGS
from members.models import Organization
from tests.browser_support import launch, new_page, screenshot


@pytest.fixture(scope="module")
def chromium():
    """One Chromium for the whole module; each test opens its own contexts."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def open_page(chromium, request):
    """Opens pages in fresh browser contexts (own cookies); on failure, screenshots of them
    go to test-artifacts/."""
    contexts = []

    def make():
        page = new_page(chromium)
        contexts.append(page.context)
        return page

    failed_before = request.session.testsfailed
    yield make
    failed = request.session.testsfailed > failed_before
    for number, context in enumerate(contexts):
        if failed:
            for page in context.pages:
                screenshot(page, f"failed-{request.node.name}-{number}")
        context.close()


@pytest.fixture
def demo(live_server):
    """The demo consortium, seeded afresh: transactional tests empty the database after each."""
    call_command("seed_demo", "--quiet-logins", stdout=io.StringIO())
    return {spec.key: Organization.objects.get(name_zh=spec.name_zh) for spec in ORGS}


@pytest.fixture
def base_url(live_server):
    return live_server.url
