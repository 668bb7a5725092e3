"""Forms of through-training pathways: a new pathway with its stages, a stage's courses and
transfer assessment, enrolling students, a student's scores, and the lists' filters. They check
the shape of the input; the rules are the services'."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reference.models import EducationLevel, Major
from training.models import PathwayEnrolmentStatus, PathwayKind, PathwayStatus
from training.services.pathways import MAX_COMPONENTS, schools_for_stage


def _majors(*levels):
    field = forms.ModelChoiceField(
        label=_("major"), queryset=Major.objects.filter(level=Major.Level.MAJOR, education_level__in=levels))
    field.label_from_instance = lambda m: f"{m.code} {m.name}"
    return field


def _years(required=True):
    return forms.IntegerField(label=_("years"), min_value=1, max_value=5, required=required)


class PathwayForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    kind = forms.ChoiceField(label=_("kind of pathway"), choices=PathwayKind.choices)
    description = forms.CharField(label=_("description"), max_length=3000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    stage1_school = forms.ModelChoiceField(label=_("Stage 1 school (secondary vocational)"), queryset=None)
    stage1_major = _majors(EducationLevel.SECONDARY)
    stage1_years = _years()
    stage2_school = forms.ModelChoiceField(label=_("Stage 2 school (higher vocational or bachelor)"), queryset=None)
    stage2_major = _majors(EducationLevel.HIGHER, EducationLevel.BACHELOR)
    stage2_years = _years()
    stage3_school = forms.ModelChoiceField(label=_("Stage 3 school (vocational bachelor)"), queryset=None,
                                           required=False,
                                           help_text=_("Only for a 3+2+2 pathway (中高本贯通)."))
    stage3_major = _majors(EducationLevel.BACHELOR)
    stage3_years = _years(required=False)

    def __init__(self, *args, lead_schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        first = schools_for_stage(EducationLevel.SECONDARY)
        self.fields["stage1_school"].queryset = first if lead_schools is None else first.filter(pk__in=lead_schools)
        self.fields["stage2_school"].queryset = (
            schools_for_stage(EducationLevel.HIGHER) | schools_for_stage(EducationLevel.BACHELOR)).order_by("name_zh")
        self.fields["stage3_school"].queryset = schools_for_stage(EducationLevel.BACHELOR)
        self.fields["stage3_major"].required = False
        self.fields["stage1_years"].initial, self.fields["stage2_years"].initial = 3, 2

    def stages(self) -> list[dict]:
        data = self.cleaned_data
        orders = (1, 2, 3) if data.get("kind") == PathwayKind.THROUGH else (1, 2)
        return [{"school": data.get(f"stage{n}_school"), "major": data.get(f"stage{n}_major"),
                 "years": data.get(f"stage{n}_years")} for n in orders]


class StageForm(forms.Form):
    """A stage's courses and (for all but the last stage) its transfer assessment, row by row."""

    courses = forms.ModelMultipleChoiceField(label=_("co-developed courses of the school"), queryset=None,
                                             required=False,
                                             widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    course_names = forms.CharField(label=_("other courses"), required=False, max_length=4000,
                                   widget=forms.Textarea(attrs={"rows": 4}), help_text=_("One course name a line."))

    def __init__(self, *args, stage, courses, last: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["courses"].queryset = courses
        self.last = last
        if last:
            return
        self.fields["pass_total"] = forms.DecimalField(
            label=_("weighted total needed"), min_value=0, max_value=100, decimal_places=1,
            help_text=_("A student passes when the weighted total reaches this and every component its minimum."))
        for n in range(1, MAX_COMPONENTS + 1):
            self.fields[f"c{n}_name"] = forms.CharField(label=_("component %(n)d") % {"n": n}, max_length=50,
                                                        required=False)
            self.fields[f"c{n}_weight"] = forms.IntegerField(label=_("weight of component %(n)d (%%)") % {"n": n},
                                                             min_value=1, max_value=100, required=False)
            self.fields[f"c{n}_mark"] = forms.DecimalField(label=_("minimum score of component %(n)d") % {"n": n},
                                                           min_value=0, max_value=100, decimal_places=1,
                                                           required=False)

    def component_rows(self) -> list[tuple]:
        """The bound fields of each component row (name, weight, minimum), for the page's grid."""
        if self.last:
            return []
        return [(n, self[f"c{n}_name"], self[f"c{n}_weight"], self[f"c{n}_mark"]) for n in range(1, MAX_COMPONENTS + 1)]

    def components(self) -> list[tuple]:
        data = self.cleaned_data
        rows = []
        for n in range(1, MAX_COMPONENTS + 1):
            name, weight, mark = data.get(f"c{n}_name"), data.get(f"c{n}_weight"), data.get(f"c{n}_mark")
            if name or weight is not None or mark is not None:
                rows.append((name or "", weight, mark))
        return rows

    def course_names_list(self) -> list[str]:
        return [line.strip() for line in (self.cleaned_data.get("course_names") or "").splitlines() if line.strip()]


class EnrolForm(forms.Form):
    students = forms.ModelMultipleChoiceField(label=_("students to enrol"), queryset=None,
                                              widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    cohort_year = forms.IntegerField(label=_("year of enrolment"), min_value=2000, max_value=2100)

    def __init__(self, *args, students, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["students"].queryset = students
        self.fields["students"].label_from_instance = lambda u: f"{u.full_name or u.username} ({u.username})"
        self.fields["cohort_year"].initial = timezone.localdate().year


class ResultForm(forms.Form):
    """One score per component of the stage's transfer assessment."""

    def __init__(self, *args, components, **kwargs):
        super().__init__(*args, **kwargs)
        for component in components:
            self.fields[f"score_{component.pk}"] = forms.DecimalField(
                label=component.name, min_value=0, max_value=100, decimal_places=1,
                help_text=_("Weight %(weight)s%%, minimum %(mark)s.") % {"weight": component.weight,
                                                                         "mark": component.pass_mark})

    def scores(self) -> dict:
        return {int(name.split("_")[1]): value for name, value in self.cleaned_data.items()
                if name.startswith("score_")}


class PathwayFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("kind of pathway"), required=False,
                             choices=[("", _("Any kind"))] + list(PathwayKind.choices))
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=[("", _("Any status"))] + list(PathwayStatus.choices))


OUTCOMES = [("", _("Any result")), ("passed", _("Passed")), ("failed", _("Not passed")),
            ("none", _("Not assessed yet"))]


class EnrolmentFilterForm(forms.Form):
    q = forms.CharField(label=_("search"), max_length=100, required=False)
    pathway = forms.ModelChoiceField(label=_("pathway"), queryset=None, required=False, empty_label=_("Any pathway"))
    year = forms.IntegerField(label=_("year of enrolment"), required=False, min_value=2000, max_value=2100)
    outcome = forms.ChoiceField(label=_("result"), required=False, choices=OUTCOMES)
    status = forms.ChoiceField(label=_("status"), required=False,
                               choices=[("", _("Any status"))] + list(PathwayEnrolmentStatus.choices))

    def __init__(self, *args, pathways, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pathway"].queryset = pathways
