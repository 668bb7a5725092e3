"""Form fields that pick a national code by typing: its code or its name, with the matching
entries offered as one types (``core.widgets.DatalistInput``). An unknown code or name is
refused with a message that says what to type; it is never matched to nothing.

The suggestions are one shared ``<datalist>`` per list and page: a formset of ten skill rows
writes the list of skills once, and the rows that follow cost no query for it."""

from django import forms
from django.core.exceptions import EmptyResultSet, ValidationError
from django.utils.translation import gettext_lazy as _

from core.widgets import DatalistInput, page_memo
from reference.models import Major, Occupation, Skill

# How many entries of the same name an ambiguity message names.
AMBIGUOUS_SHOWN = 5


class CodeChoiceField(forms.ModelChoiceField):
    """One entry of a coded list (majors, occupations, skills), typed as "code name", the code
    alone or the exact name (Chinese, or English in any case)."""

    widget = DatalistInput
    default_error_messages = {
        "invalid_choice": _("“%(value)s” is not in the list: type a code or a name and pick it from the suggestions."),
        "ambiguous": _("More than one entry is called “%(value)s” (%(codes)s): type the code of the one you mean."),
    }

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(queryset, **kwargs)
        if isinstance(self.widget, DatalistInput):
            self.widget.shared = True

    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"

    def prepare_value(self, value):
        """What the text box shows: "code name" for an entry given as itself, its primary key
        or its code; what was typed otherwise."""
        if isinstance(value, self.queryset.model):
            return self.label_from_instance(value)
        if isinstance(value, int):
            return self._label("pk", value) or value
        if isinstance(value, str) and value and " " not in value.strip():
            return self._label("code", value.strip()) or self._label("code", value.strip().upper()) or value
        return super().prepare_value(value)

    def _label(self, key: str, value):
        """The label of the entry whose pk or code is value. Within a page, the labels of the
        whole list are read once, for all the rows of a formset."""
        try:
            memo = page_memo(("reference.labels", type(self).__qualname__, str(self.queryset.query)))
        except EmptyResultSet:
            return None
        if memo is None:
            found = self.queryset.filter(**{key: value}).first()
            return self.label_from_instance(found) if found else None
        if not memo:
            memo["read"] = True
            for entry in self.queryset:
                memo["pk", entry.pk] = memo["code", entry.code] = self.label_from_instance(entry)
        return memo.get((key, value))

    def _by_code(self, code: str):
        found = self.queryset.filter(code=code).first()
        if found is None and code != code.upper():
            found = self.queryset.filter(code=code.upper()).first()
        return found

    def to_python(self, value):
        value = " ".join(str(value or "").split())
        if value in self.empty_values:
            return None
        code, _space, rest = value.partition(" ")
        found = self._by_code(code)
        if found is not None and (not rest or rest == found.name_zh or rest.casefold() == found.name_en.casefold()):
            return found
        shown = AMBIGUOUS_SHOWN + 1
        matches = list(self.queryset.filter(name_zh=value)[:shown]) or list(self.queryset.filter(name_en__iexact=value)[:shown])
        if len(matches) > 1:
            codes = ", ".join(match.code for match in matches[:AMBIGUOUS_SHOWN]) + (" …" if len(matches) > AMBIGUOUS_SHOWN else "")
            raise ValidationError(self.error_messages["ambiguous"], code="ambiguous",
                                  params={"value": value, "codes": codes})
        if not matches:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value})
        return matches[0]

    def validate(self, value):
        forms.Field.validate(self, value)


class MajorField(CodeChoiceField):
    def __init__(self, queryset=None, **kwargs):
        super().__init__(Major.objects.all() if queryset is None else queryset, **kwargs)


class OccupationField(CodeChoiceField):
    def __init__(self, queryset=None, **kwargs):
        super().__init__(Occupation.objects.all() if queryset is None else queryset, **kwargs)


class SkillField(CodeChoiceField):
    def __init__(self, queryset=None, **kwargs):
        super().__init__(Skill.objects.all() if queryset is None else queryset, **kwargs)
