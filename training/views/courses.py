"""Co-developed courses' pages: the list (search, filters, pages), a course with its current
version and history, a version (the draft with its editing links), proposing and editing a
course, writing the draft (units, cases, chapters, resources), submitting, reviewing, starting a
new version, putting in use, retiring, comparing two versions, and the 岗课赛证 coverage. Every
write is a call to ``services.courses``; anything outside the viewer's reach answers 404."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.forms import add_service_errors
from members.models import Organization
from reference.models import Major
from training.access import courses as access
from training.forms.courses import (
    CaseForm, ChapterForm, CompareForm, CourseFilterForm, CourseForm, CoverageFilterForm, ResourcesForm, RetireForm,
    ReviewForm, SubmitForm, UnitForm,
)
from training.models import (
    Course, CourseReview, CourseStatus, CourseUnit, CourseVersion, TextbookChapter, VersionStatus,
)
from training.selectors.courses import skill_coverage
from training.services import courses as services

PAGE_SIZE = 25
# Skills on one page of the coverage table (thousands are demanded at a city's scale).
COVERAGE_PAGE_SIZE = 50


def _reader(request) -> None:
    if not access.can_read_courses(request.user):
        raise Http404


def _course(request, pk) -> Course:
    _reader(request)
    return get_object_or_404(access.courses_for(request.user).select_related("school", "major"), pk=pk)


def _draft(course: Course) -> CourseVersion | None:
    return course.versions.filter(status=VersionStatus.DRAFT).first()


def _saved(request, message, *args):
    messages.success(request, message)
    return redirect(*args)


@login_required
def course_list(request):
    _reader(request)
    visible = access.courses_for(request.user)
    form = CourseFilterForm(
        request.GET or None,
        schools=Organization.objects.filter(pk__in=visible.values("school_id")).order_by("name_zh"),
        majors=Major.objects.filter(pk__in=visible.values("major_id")).order_by("code"))
    courses = visible
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            courses = courses.filter(Q(title__icontains=data["q"]) | Q(code__icontains=data["q"])
                                     | Q(summary__icontains=data["q"]))
        if data["status"]:
            courses = courses.filter(status=data["status"])
        if data["school"]:
            courses = courses.filter(school=data["school"])
        if data["major"]:
            courses = courses.filter(major=data["major"])
        if data["needs_review"]:
            courses = courses.filter(needs_review=True)
    courses = (courses.select_related("school", "major")
               .prefetch_related(Prefetch("partners", Organization.objects.order_by("name_zh")))
               .order_by("-needs_review", "-updated_at", "pk"))
    page = Paginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "training/courses/list.html", {
        "form": form, "page": page, "query": query.urlencode(), "can_propose": access.can_propose(request.user),
    })


def _version_content(version: CourseVersion) -> CourseVersion:
    """The version with its units (competences, standards, cases), chapters and resources, loaded."""
    return (CourseVersion.objects.filter(pk=version.pk)
            .prefetch_related(Prefetch("units", CourseUnit.objects.prefetch_related(
                "competences__standard", "standards", "cases__enterprise")),
                "chapters", "resources__owner", Prefetch("reviews", CourseReview.objects.select_related(
                    "organization", "by")))
            .select_related("created_by").get())


@login_required
def course_detail(request, pk):
    course = _course(request, pk)
    versions = list(course.versions.order_by("-number"))
    current = next((v for v in versions if v.status == VersionStatus.APPROVED), None)
    open_version = next((v for v in versions if v.status in (VersionStatus.DRAFT, VersionStatus.SUBMITTED)), None)
    shown = current or open_version or (versions[0] if versions else None)
    user = request.user
    partners = list(course.partners.order_by("name_zh"))
    reviewed = {}
    if open_version is not None and open_version.status == VersionStatus.SUBMITTED:
        reviewed = {r.organization_id: r for r in open_version.reviews.select_related("by")}
    for partner in partners:
        partner.review = reviewed.get(partner.pk)
    return render(request, "training/courses/detail.html", {
        "course": course, "versions": versions, "current": current, "open_version": open_version,
        "shown": _version_content(shown) if shown else None, "partners": partners,
        "skills": course.skills.all(), "competitions": course.competitions.all(),
        "certificates": course.certificates.all(),
        "can_edit": access.can_edit_course(user, course),
        "can_write": open_version is not None and access.can_write_draft(user, course, open_version),
        "can_submit": open_version is not None and open_version.status == VersionStatus.DRAFT
        and access.can_submit(user, course),
        "can_review": access.can_review(user, course)
        and bool(access.partner_orgs_of(user, course) - set(reviewed)),
        "can_run": access.can_run(user, course),
    })


@login_required
def course_version(request, pk, number):
    course = _course(request, pk)
    version = get_object_or_404(course.versions, number=number)
    can_write = access.can_write_draft(request.user, course, version)
    return render(request, "training/courses/version.html", {
        "course": course, "version": _version_content(version), "can_write": can_write,
    })


@login_required
def course_propose(request):
    _reader(request)
    schools = access.school_author_ids(request.user)
    if not schools:
        raise Http404
    form = CourseForm(request.POST if request.method == "POST" else None, schools=schools,
                      initial={"school": min(schools)} if len(schools) == 1 else None)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_propose(actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(request, _("The course is proposed. Write its first version with your partners."),
                          "training:course", course.pk)
    return render(request, "training/courses/form.html", {"form": form, "course": None})


@login_required
def course_edit(request, pk):
    course = _course(request, pk)
    if not access.can_edit_course(request.user, course):
        raise Http404
    initial = {name: getattr(course, name) for name in services.COURSE_FIELDS
               if name not in ("partners", "skills", "competitions", "certificates")}
    for name in ("partners", "skills", "competitions", "certificates"):
        initial[name] = list(getattr(course, name).values_list("pk", flat=True))
    form = CourseForm(request.POST if request.method == "POST" else None, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_update(course=course, actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(request, _("The course is saved."), "training:course", course.pk)
    return render(request, "training/courses/form.html", {"form": form, "course": course})


def _writable_draft(request, course) -> CourseVersion:
    version = _draft(course)
    if version is None or not access.can_write_draft(request.user, course, version):
        raise Http404
    return version


def _draft_form(request, *, course, version, form, save, message, template, **context):
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(request, message, "training:course_version", course.pk, version.number)
    return render(request, template, {"form": form, "course": course, "version": version, **context})


@login_required
def course_unit_create(request, pk):
    course = _course(request, pk)
    version = _writable_draft(request, course)
    next_order = (version.units.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    form = UnitForm(request.POST if request.method == "POST" else None, initial={"order": next_order})
    return _draft_form(request, course=course, version=version, form=form, unit=None,
                       save=lambda data: services.unit_save(version=version, actor=request.user, **data),
                       message=_("The unit is saved."), template="training/courses/unit_form.html")


def _unit(request, pk) -> CourseUnit:
    _reader(request)
    unit = get_object_or_404(CourseUnit.objects.select_related("version__course"), pk=pk)
    if not access.courses_for(request.user).filter(pk=unit.version.course_id).exists():
        raise Http404
    if not access.can_write_draft(request.user, unit.version.course, unit.version):
        raise Http404
    return unit


@login_required
def course_unit_edit(request, pk):
    unit = _unit(request, pk)
    version, course = unit.version, unit.version.course
    initial = {"order": unit.order, "title": unit.title, "hours": unit.hours, "outcomes": unit.outcomes,
               "competences": list(unit.competences.values_list("pk", flat=True)),
               "standards": list(unit.standards.values_list("pk", flat=True))}
    form = UnitForm(request.POST if request.method == "POST" else None, initial=initial)
    return _draft_form(request, course=course, version=version, form=form, unit=unit,
                       save=lambda data: services.unit_save(version=version, actor=request.user, unit=unit, **data),
                       message=_("The unit is saved."), template="training/courses/unit_form.html",
                       cases=unit.cases.select_related("enterprise"))


@login_required
@require_POST
def course_unit_delete(request, pk):
    unit = _unit(request, pk)
    try:
        services.unit_delete(unit=unit, actor=request.user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The unit is removed."))
    return redirect("training:course_version", unit.version.course_id, unit.version.number)


@login_required
def course_case_create(request, pk):
    unit = _unit(request, pk)
    version, course = unit.version, unit.version.course
    form = CaseForm(request.POST if request.method == "POST" else None, course=course)
    return _draft_form(request, course=course, version=version, form=form, unit=unit,
                       save=lambda data: services.case_add(unit=unit, actor=request.user, **data),
                       message=_("The teaching case is added."), template="training/courses/case_form.html")


@login_required
def course_chapter_create(request, pk):
    course = _course(request, pk)
    version = _writable_draft(request, course)
    next_number = (version.chapters.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    form = ChapterForm(request.POST if request.method == "POST" else None, initial={"number": next_number})
    return _draft_form(request, course=course, version=version, form=form, chapter=None,
                       save=lambda data: services.chapter_save(version=version, actor=request.user, **data),
                       message=_("The chapter is saved."), template="training/courses/chapter_form.html")


@login_required
def course_chapter_edit(request, pk):
    _reader(request)
    chapter = get_object_or_404(TextbookChapter.objects.select_related("version__course"), pk=pk)
    version, course = chapter.version, chapter.version.course
    if not access.courses_for(request.user).filter(pk=course.pk).exists():
        raise Http404
    if not access.can_write_draft(request.user, course, version):
        raise Http404
    form = ChapterForm(request.POST if request.method == "POST" else None,
                       initial={"number": chapter.number, "title": chapter.title, "body": chapter.body})
    return _draft_form(request, course=course, version=version, form=form, chapter=chapter,
                       save=lambda data: services.chapter_save(version=version, actor=request.user, chapter=chapter,
                                                               **data),
                       message=_("The chapter is saved."), template="training/courses/chapter_form.html")


@login_required
def course_resources(request, pk):
    course = _course(request, pk)
    version = _writable_draft(request, course)
    visible = services.resources_visible_to(request.user).select_related("owner").order_by("title")
    form = ResourcesForm(request.POST if request.method == "POST" else None, queryset=visible,
                         initial={"resources": list(version.resources.values_list("pk", flat=True))})
    return _draft_form(request, course=course, version=version, form=form,
                       save=lambda data: services.version_resources_set(version=version, actor=request.user, **data),
                       message=_("The resources are saved."), template="training/courses/resources_form.html")


def _action(request, course, *, allowed, form, run, message, template, **context):
    """A confirmation page whose POST calls a service."""
    if not allowed:
        raise Http404
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _saved(request, message, "training:course", course.pk)
    return render(request, template, {"form": form, "course": course, **context})


@login_required
def course_submit(request, pk):
    course = _course(request, pk)
    version = _draft(course)
    return _action(request, course, allowed=version is not None and access.can_submit(request.user, course),
                   form=SubmitForm(request.POST if request.method == "POST" else None, initial={"note": version.note}
                                   if version else None),
                   run=lambda data: services.course_submit(course=course, actor=request.user, **data),
                   message=_("The version is submitted to the partners for review."),
                   template="training/courses/submit.html", version=version)


@login_required
def course_review(request, pk):
    course = _course(request, pk)
    version = course.versions.filter(status=VersionStatus.SUBMITTED).first()
    pending = access.partner_orgs_of(request.user, course)
    if version is not None:
        pending -= set(version.reviews.values_list("organization_id", flat=True))
    form = ReviewForm(request.POST if request.method == "POST" else None,
                      organizations=Organization.objects.filter(pk__in=pending).order_by("name_zh"))
    return _action(request, course, allowed=version is not None and access.can_review(request.user, course)
                   and bool(pending), form=form,
                   run=lambda data: services.course_review(course=course, actor=request.user, **data),
                   message=_("Your review is recorded."), template="training/courses/review.html",
                   version=_version_content(version) if version else None)


@login_required
def course_new_version(request, pk):
    course = _course(request, pk)
    allowed = (access.can_run(request.user, course)
               and course.status in (CourseStatus.APPROVED, CourseStatus.IN_USE)
               and not course.versions.filter(status__in=(VersionStatus.DRAFT, VersionStatus.SUBMITTED)).exists())
    return _action(request, course, allowed=allowed, form=forms.Form(request.POST if request.method == "POST" else None),
                   run=lambda data: services.course_new_version(course=course, actor=request.user),
                   message=_("A new draft version is started from the approved one."),
                   template="training/courses/confirm.html", action="new_version")


@login_required
def course_use(request, pk):
    course = _course(request, pk)
    return _action(request, course, allowed=access.can_run(request.user, course)
                   and course.status == CourseStatus.APPROVED, form=forms.Form(request.POST if request.method == "POST" else None),
                   run=lambda data: services.course_put_in_use(course=course, actor=request.user),
                   message=_("The course is in use."), template="training/courses/confirm.html", action="use")


@login_required
def course_retire(request, pk):
    course = _course(request, pk)
    return _action(request, course, allowed=access.can_run(request.user, course),
                   form=RetireForm(request.POST if request.method == "POST" else None),
                   run=lambda data: services.course_retire(course=course, actor=request.user, **data),
                   message=_("The course is retired."), template="training/courses/retire.html")


def _unit_key(unit):
    return (unit.title, unit.hours, unit.outcomes, tuple(sorted(c.pk for c in unit.competences.all())),
            tuple(sorted(s.pk for s in unit.standards.all())), tuple(sorted((c.text, c.enterprise_id)
                                                                            for c in unit.cases.all())))


def compare_versions(a: CourseVersion, b: CourseVersion) -> dict:
    """What changed from ``a`` to ``b``: units (by place in the outline) added, removed and
    changed; chapters (by number) added, removed and changed; resources added and removed."""
    units_a = {u.order: u for u in a.units.all()}
    units_b = {u.order: u for u in b.units.all()}
    rows = []
    for order in sorted(units_a.keys() | units_b.keys()):
        old, new = units_a.get(order), units_b.get(order)
        if old is None:
            change = "added"
        elif new is None:
            change = "removed"
        else:
            change = "changed" if _unit_key(old) != _unit_key(new) else "same"
        rows.append({"order": order, "a": old, "b": new, "change": change})
    chapters_a = {c.number: c for c in a.chapters.all()}
    chapters_b = {c.number: c for c in b.chapters.all()}
    chapters = []
    for number in sorted(chapters_a.keys() | chapters_b.keys()):
        old, new = chapters_a.get(number), chapters_b.get(number)
        if old is None:
            change = "added"
        elif new is None:
            change = "removed"
        else:
            change = "changed" if (old.title, old.body, old.revision) != (new.title, new.body, new.revision) else "same"
        chapters.append({"number": number, "a": old, "b": new, "change": change})
    resources_a, resources_b = set(a.resources.all()), set(b.resources.all())
    return {"units": rows, "chapters": chapters,
            "resources_added": sorted(resources_b - resources_a, key=str),
            "resources_removed": sorted(resources_a - resources_b, key=str)}


@login_required
def course_compare(request, pk):
    course = _course(request, pk)
    numbers = list(course.versions.order_by("number").values_list("number", flat=True))
    initial = {"a": numbers[-2] if len(numbers) > 1 else numbers[0], "b": numbers[-1]} if numbers else {}
    form = CompareForm(request.GET or None, initial=initial)
    diff, a, b = None, None, None
    wanted = form.cleaned_data if form.is_valid() else (initial if not request.GET else None)
    if wanted:
        a = course.versions.filter(number=wanted["a"]).first()
        b = course.versions.filter(number=wanted["b"]).first()
        if a is None or b is None:
            raise Http404
        a, b = _version_content(a), _version_content(b)
        diff = compare_versions(a, b)
    return render(request, "training/courses/compare.html", {
        "course": course, "form": form, "numbers": numbers, "a": a, "b": b, "diff": diff,
    })


@login_required
def course_coverage(request):
    _reader(request)
    visible = access.courses_for(request.user)
    form = CoverageFilterForm(request.GET or None, schools=Organization.objects.filter(
        pk__in=visible.values("school_id")).order_by("name_zh"))
    family, school, only_untaught = "", None, False
    if form.is_valid():
        family = form.cleaned_data["family"] or ""
        school = form.cleaned_data["school"].pk if form.cleaned_data["school"] else None
        only_untaught = form.cleaned_data["untaught"]
    rows = skill_coverage(request.user, family=family, school=school)
    untaught = sum(1 for r in rows if not r.taught)
    if only_untaught:
        rows = [r for r in rows if not r.taught]
    page = Paginator(rows, COVERAGE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/courses/coverage.html",
                  {"form": form, "rows": page.object_list, "page": page, "untaught": untaught})
