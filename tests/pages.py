"""Reading server-rendered pages in tests as a person reads them: the translated text, the
part of the page marked ``data-testid``, the messages shown after an action, and what a page
costs in queries."""

from html.parser import HTMLParser
from typing import NamedTuple

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape


def zh(message: str, **params) -> str:
    """The text as a visitor sees it on a default (Chinese) page, through the same catalogue."""
    with translation.override("zh-hans"):
        text = str(translation.gettext(message))
    return text % params if params else text


def shows(response, text: str) -> bool:
    """Whether the page shows the text (as the template escapes it)."""
    return escape(text) in response.content.decode()


class Part(NamedTuple):
    text: str
    links: list


class _PartFinder(HTMLParser):
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self, testid):
        super().__init__(convert_charrefs=True)
        self.testid, self.depth, self.found = testid, 0, False
        self.text, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            if "href" in attrs:
                self.links.append(attrs["href"])
            if tag not in self.VOID:
                self.depth += 1
        elif not self.found and attrs.get("data-testid") == self.testid:
            self.found, self.depth = True, 0 if tag in self.VOID else 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def part(response, testid: str) -> Part:
    """The text (whitespace collapsed) and links inside the element marked ``data-testid``."""
    finder = _PartFinder(testid)
    finder.feed(response.content.decode())
    assert finder.found, f"the page has no {testid!r}"
    return Part(" ".join(" ".join(finder.text).split()), finder.links)


def messages_on(response) -> list[str]:
    """The messages the page shows after an action (success, error)."""
    return [str(message) for message in response.context["messages"]]


def queries_for(client, url, **params) -> int:
    """Queries to render the page, built from the database each time (the rendered-page
    cache is emptied first)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)
