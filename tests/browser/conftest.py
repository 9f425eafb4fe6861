"""Browser tests: Playwright drives Debian's Chromium against the live server.

Playwright's own browsers are not downloaded: ``CHROMIUM`` (default
``/usr/bin/chromium``) is the browser. axe-core (``axe.min.js``, MPL-2.0, see
``axe.LICENSE``) is vendored beside these tests and injected into each page.
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

AXE = Path(__file__).with_name("axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No browser at {CHROMIUM} (apt-get install chromium)", pytrace=False)
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture
def demo(live_server):
    """The demo site, loaded into the live server's database."""
    call_command("load_demo", stdout=io.StringIO())
    return live_server


def _watch_refusals(page, refused: list[str]) -> None:
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if message.type == "error" and message.text.startswith("Refused to")
            else None
        ),
    )


@pytest.fixture
def refusals(page):
    """Every Content-Security-Policy refusal the browser reports on the console."""
    refused: list[str] = []
    _watch_refusals(page, refused)
    return refused


@pytest.fixture
def signed_in(browser, demo, refusals):
    """Opens a page, in a browser context of its own, signed in as ``user``.

    The one place where a member or an editor signs in: the session comes from
    ``Client.force_login``, its cookie is handed to the browser. Refusals the page
    meets are added to ``refusals``.
    """
    contexts = []

    def open_page(user, language: str = "en"):
        client = Client()
        client.force_login(user)
        context = browser.new_context()
        contexts.append(context)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": demo.url}]
        )
        set_language(context, demo.url, language)
        page = context.new_page()
        page.set_default_timeout(10_000)
        _watch_refusals(page, refusals)
        return page

    yield open_page
    for context in contexts:
        context.close()


def set_language(context, base_url: str, language: str) -> None:
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}]
    )


def axe_violations(page) -> list[dict]:
    # Evaluated by the browser's debugging protocol: the page's policy allows no inline
    # script, so a <script> tag added to the page would be refused.
    page.evaluate(AXE.read_text())
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => { if (!r.passes.length) throw new Error('axe checked nothing'); return r; })"
        ".then(r => r.violations.map(v => ({"
        "id: v.id, nodes: v.nodes.map(n => n.target.join(' '))})))",
        AXE_TAGS,
    )
