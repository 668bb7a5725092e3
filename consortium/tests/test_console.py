"""The admin console speaks the secretariat's language: no app label, model or field name
and no stored code shows through — every app, model, field, column and filter has its name
in Chinese, and a choice shows its label, not the code it is stored as."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from members.models import LoginLockout, User
from tests.fixtures import client_for

pytestmark = pytest.mark.django_db

CJK = re.compile("[\u4e00-\u9fff]")
# Reserved by Django for every model; never shown in the console's lists or forms.
UNSHOWN_FIELDS = {"id"}


def in_chinese(text) -> str:
    with translation.override("zh-hans"):
        return str(text)


def registered():
    return list(admin.site._registry.items())


def test_every_app_of_the_portal_has_a_chinese_name():
    project = [config for config in apps.get_app_configs() if config.path.startswith(str(settings.BASE_DIR) + "/")
               and ".venv" not in config.path]
    unnamed = [config.label for config in project
               if config.verbose_name == config.label.title() or not CJK.search(in_chinese(config.verbose_name))]
    assert not unnamed, f"apps without a translated name: {unnamed}"


def test_every_model_and_field_in_the_console_has_a_chinese_name():
    unnamed = []
    for model, _model_admin in registered():
        meta = model._meta
        for name in (meta.verbose_name, meta.verbose_name_plural):
            if not CJK.search(in_chinese(name)):
                unnamed.append(f"{meta.label}: {name}")
        for field in meta.get_fields():
            if isinstance(field, models.Field) and field.name not in UNSHOWN_FIELDS:
                if not CJK.search(in_chinese(field.verbose_name)):
                    unnamed.append(f"{meta.label}.{field.name}: {field.verbose_name}")
    assert not unnamed, "\n".join(unnamed)


def test_every_column_and_filter_of_the_console_s_lists_has_a_chinese_name():
    unnamed = []
    for model, model_admin in registered():
        for column in model_admin.list_display:
            if column == "__str__":
                label = model._meta.verbose_name
            elif callable(column) or hasattr(model_admin, column):
                function = column if callable(column) else getattr(model_admin, column)
                label = getattr(function, "short_description", column)
            else:
                label = model._meta.get_field(column).verbose_name
            if not CJK.search(in_chinese(label)):
                unnamed.append(f"{model._meta.label} column {column}: {label}")
        for list_filter in model_admin.list_filter:
            if isinstance(list_filter, type):
                label = list_filter.title
            else:
                path = list_filter[0] if isinstance(list_filter, tuple) else list_filter
                field = model
                for part in path.split("__"):
                    field = field._meta.get_field(part)
                    field = field.related_model if field.is_relation and part != path.split("__")[-1] else field
                label = field.verbose_name
            if not CJK.search(in_chinese(label)):
                unnamed.append(f"{model._meta.label} filter {list_filter}: {label}")
    assert not unnamed, "\n".join(unnamed)


CELL = re.compile(r'<t[dh] class="field-(\w+)[^"]*"[^>]*>(.*?)</t[dh]>', re.S)


@pytest.fixture
def console():
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    return client_for(User.objects.get(username="secretariat"))


def test_the_console_s_lists_show_names_and_labels_never_codes(console):
    shown_codes = []
    for model, model_admin in registered():
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        page = console.get(url).content.decode()
        header = strip_tags(re.search(r"<thead>(.*?)</thead>", page, re.S).group(1)) if "<thead>" in page else ""
        for heading in filter(None, (line.strip() for line in header.splitlines())):
            if not CJK.search(heading) and not heading.isdigit():  # digits: the sort order Django marks
                shown_codes.append(f"{url}: the heading {heading!r}")
        choices = {field.name: {str(code) for code, _label in field.flatchoices}
                   for field in model._meta.fields if field.choices}
        for column, cell in CELL.findall(page):
            if column in choices and strip_tags(cell).strip() in choices[column]:
                shown_codes.append(f"{url}: {column} shows the code {strip_tags(cell).strip()!r}")
    assert not shown_codes, "\n".join(shown_codes)


def test_the_console_s_index_names_every_part_in_chinese(console):
    page = console.get(reverse("admin:index")).content.decode()

    captions = re.findall(r"<caption>\s*<a[^>]*>(.*?)</a>", page, re.S)
    models_shown = re.findall(r'<th scope="row" id="[^"]+">\s*(?:<a[^>]*>)?(.*?)(?:</a>)?\s*</th>', page, re.S)
    assert captions and models_shown
    assert all(CJK.search(text) for text in captions + models_shown), captions + models_shown


def test_the_audit_trail_offers_only_kinds_of_object_it_holds_by_their_chinese_names(console):
    console_page = console.get(reverse("admin:core_auditevent_changelist")).content.decode()
    offered_in_console = re.findall(r'<a href="\?content_type=\d+">(.*?)</a>', console_page)
    portal_page = console.get(reverse("audit_list")).content.decode()
    select = re.search(r'<select name="content_type".*?</select>', portal_page, re.S).group(0)
    offered_in_portal = [text for value, text in re.findall(r'<option value="(\d*)"[^>]*>(.*?)</option>', select) if value]

    for offered in (offered_in_console, offered_in_portal):
        assert in_chinese(LoginLockout._meta.verbose_name) in offered, "a proxy by its own name"
        assert all(CJK.search(text) for text in offered), offered
        assert "权限" not in offered, "permissions are never in the trail"
