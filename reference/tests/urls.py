"""A page of the tests' own: a formset of skill rows, as the talent platform's forms have them."""

from django import forms
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from reference.forms import MajorField, SkillField
from reference.models import Major


class SkillRow(forms.Form):
    skill = SkillField(label="skill")
    major = MajorField(queryset=Major.objects.filter(level=Major.Level.MAJOR), label="major", required=False)


SkillRows = forms.formset_factory(SkillRow, extra=10)


def skill_rows(request):
    formset = SkillRows(request.POST or None)
    if request.method == "POST" and formset.is_valid():
        return HttpResponse(",".join(row["skill"].code for row in formset.cleaned_data if row))
    page = engines["django"].from_string('<form method="post">{{ formset }}</form>')
    return HttpResponse(page.render({"formset": formset}, request), status=400 if request.method == "POST" else 200)


urlpatterns = [path("skill-rows/", skill_rows, name="skill_rows")]
