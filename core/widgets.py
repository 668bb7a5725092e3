"""Form widgets of the portal's own."""

import hashlib
from contextlib import contextmanager
from contextvars import ContextVar

from django import forms
from django.core.exceptions import EmptyResultSet
from django.core.signals import request_finished, request_started

# The page being rendered while a request is served: the ids of the datalists already written
# into it, and what its fields remembered (None outside requests: then every field writes its
# own list and remembers nothing).
_page: ContextVar[dict | None] = ContextVar("page_being_rendered", default=None)


def _new_page() -> dict:
    return {"lists": set(), "memo": {}}


@contextmanager
def one_page():
    """Render what is inside as one page: each datalist once. A request is one page already;
    this is for pages rendered outside a request (tests, mail)."""
    token = _page.set(_new_page())
    try:
        yield
    finally:
        _page.reset(token)


def page_memo(key) -> dict | None:
    """A dict that lasts as long as the page being rendered, one per key (None outside a
    page): what many rows of a formset would otherwise each look up again."""
    page = _page.get()
    return None if page is None else page["memo"].setdefault(key, {})


def _page_started(**kwargs):
    _page.set(_new_page())


def _page_finished(**kwargs):
    _page.set(None)


request_started.connect(_page_started, dispatch_uid="core.widgets.page_started")
request_finished.connect(_page_finished, dispatch_uid="core.widgets.page_finished")


class DatalistInput(forms.TextInput):
    """A text box that offers its choices as the person types (HTML ``<datalist>``): a
    searchable picker without script, read by screen readers as a combo box. The field
    turns what was typed back into a choice (see ``reference.forms.CodeChoiceField``).

    A shared list (``shared=True``, as ``reference.forms.CodeChoiceField`` makes it) serves
    every field that offers the same choices: its id is named for the field's kind and
    queryset (``reference-skill-…``), and within a page it is written once, after the first
    of those fields; the others point to it. A formset of ten skill rows carries one
    list of skills, however long. (A formset's ``empty_form`` rendered inside a
    ``<template>`` should come after its rows, or its list stays in the template.)"""

    template_name = "core/widgets/datalist.html"

    def __init__(self, attrs=None, *, list_id: str | None = None, shared: bool = False):
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.choices = []
        self.list_id = list_id
        self.shared = shared

    def datalist_id(self, attrs) -> str:
        """The id of the list of choices: given; or, shared, named for the field's kind and
        queryset; or the input's own."""
        if self.list_id:
            return self.list_id
        queryset = getattr(self.choices, "queryset", None)
        if self.shared and queryset is not None:
            field = getattr(self.choices, "field", None)
            try:
                query = str(queryset.query)
            except EmptyResultSet:
                query = "none"
            key = f"{type(field).__module__}.{type(field).__qualname__} {query}"
            digest = hashlib.blake2s(key.encode(), digest_size=4).hexdigest()
            return f"{queryset.model._meta.label_lower.replace('.', '-')}-{digest}"
        return f"{attrs.get('id') or 'id_' + self._name}_list"

    def get_context(self, name, value, attrs):
        self._name = name
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        list_id = self.datalist_id(widget["attrs"])
        widget["attrs"]["list"] = widget["list_id"] = list_id
        page = _page.get()
        in_page = None if page is None else page["lists"]
        widget["with_list"] = in_page is None or list_id not in in_page
        widget["options"] = []
        if widget["with_list"]:
            if in_page is not None:
                in_page.add(list_id)
            # Only the field that writes the list reads the choices: the others cost no query.
            widget["options"] = [label for choice, label in self.choices if choice != ""]
        return context
