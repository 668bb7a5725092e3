"""Enterprise employee training's pages: the programmes a person sees, one programme with its
sessions and the enrolments in the viewer's reach, the enrolments list, the report of training
hours and income, and the writes — the school offers and edits programmes, adds sessions, records
attendance and assessments; enterprises enrol and withdraw their employees. Every write is a call
to ``services.employees``; anything outside the viewer's reach answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.forms import add_service_errors
from members.models import Organization
from training.access import employees as access
from training.forms.employees import (
    AssessmentForm,
    AttendanceForm,
    EnrolmentFilterForm,
    EnrolmentForm,
    ProgrammeFilterForm,
    ProgrammeForm,
    ReportFilterForm,
    SessionForm,
)
from training.models import EnrolmentStatus, ProgrammeSession
from training.selectors.employees import training_report
from training.services import employees as services

PAGE_SIZE = 25


def _reader(request) -> None:
    if not access.can_read_programmes(request.user):
        raise Http404


def _programme(request, pk):
    _reader(request)
    return get_object_or_404(access.programmes_for(request.user).select_related("school", "major", "achievement"), pk=pk)


def _managed(request, pk):
    programme = _programme(request, pk)
    if not access.can_manage(request.user, programme):
        raise Http404
    return programme


def _schools(user):
    return list(Organization.objects.filter(pk__in=access.managing_school_ids(user)).order_by("name_zh"))


@login_required
def programme_list(request):
    _reader(request)
    form = ProgrammeFilterForm(request.GET or None)
    programmes = access.programmes_for(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            programmes = programmes.filter(Q(title__icontains=data["q"]) | Q(description__icontains=data["q"])
                                           | Q(school__name_zh__icontains=data["q"]))
        if data["kind"]:
            programmes = programmes.filter(kind=data["kind"])
        if data["year"]:
            programmes = programmes.filter(starts_on__year=data["year"])
        if data["status"]:
            programmes = programmes.filter(status=data["status"])
    programmes = (programmes.select_related("school")
                  .annotate(enrolled=Count("enrolments", filter=~Q(enrolments__status=EnrolmentStatus.WITHDRAWN)))
                  .order_by("-starts_on", "pk"))
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/employees/list.html", {
        "form": form, "page": page, "can_offer": access.can_offer(request.user),
        "can_report": access.can_read_report(request.user),
    })


def _programme_form(request, programme=None):
    initial = None
    if programme is not None:
        initial = {name: getattr(programme, name) for name in services.PROGRAMME_FIELDS}
        initial["school"] = programme.school_id
    schools = _schools(request.user) if programme is None else [programme.school]
    form = ProgrammeForm(request.POST if request.method == "POST" else None, initial=initial, schools=schools,
                         achievements=services.achievement_choices([s.pk for s in schools]))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        school = data.pop("school")
        try:
            if programme is None:
                programme = services.programme_create(actor=request.user, school=school, **data)
            else:
                services.programme_update(programme=programme, actor=request.user, **data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The programme is saved."))
            return redirect("training:programme", programme.pk)
    return render(request, "training/employees/form.html", {"form": form, "programme": programme})


@login_required
def programme_create(request):
    _reader(request)
    if not access.can_offer(request.user):
        raise Http404
    return _programme_form(request)


@login_required
def programme_edit(request, pk):
    return _programme_form(request, _managed(request, pk))


@login_required
def programme_detail(request, pk):
    programme = _programme(request, pk)
    sessions = list(programme.sessions.annotate(present=Count("attendance")).order_by("date", "pk"))
    enrolments = list(access.enrolments_for(request.user, programme.enrolments.all())
                      .select_related("enterprise", "account").order_by("enterprise__name_zh", "name", "pk"))
    taken = programme.enrolments.exclude(status=EnrolmentStatus.WITHDRAWN).count()
    can_manage = access.can_manage(request.user, programme)
    enterprises = set(access.enrolling_enterprise_ids(request.user))
    for enrolment in enrolments:
        enrolment.programme = programme
        enrolment.can_issue = can_manage and services.can_issue(enrolment)
        enrolment.can_withdraw = enrolment.status == EnrolmentStatus.ENROLLED and (
            can_manage or enrolment.enterprise_id in enterprises)
    return render(request, "training/employees/detail.html", {
        "programme": programme, "sessions": sessions, "enrolments": enrolments, "taken": taken,
        "places_left": max(programme.capacity - taken, 0), "can_manage": can_manage,
        "can_enrol": bool(enterprises) and programme.status == "open",
        "required_hours": services.required_hours(programme),
    })


@login_required
def session_create(request, pk):
    programme = _managed(request, pk)
    form = SessionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_create(programme=programme, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The session is added."))
            return redirect("training:programme", programme.pk)
    return render(request, "training/employees/session_form.html", {"form": form, "programme": programme})


@login_required
def enrol(request, pk):
    programme = _programme(request, pk)
    if not access.can_enrol(request.user):
        raise Http404
    enterprises = list(services.enterprise_choices(request.user))
    form = EnrolmentForm(request.POST if request.method == "POST" else None, enterprises=enterprises,
                         accounts=services.account_choices([e.pk for e in enterprises]))
    if request.method == "POST" and form.is_valid():
        try:
            services.enrol(programme=programme, actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The employee is enrolled."))
            return redirect("training:programme", programme.pk)
    return render(request, "training/employees/enrol.html", {"form": form, "programme": programme})


@login_required
def attendance(request, pk):
    _reader(request)
    session = get_object_or_404(ProgrammeSession.objects.select_related("programme").filter(
        programme__in=access.programmes_for(request.user)), pk=pk)
    programme = session.programme
    if not access.can_manage(request.user, programme):
        raise Http404
    enrolments = programme.enrolments.exclude(status=EnrolmentStatus.WITHDRAWN).order_by("enterprise_id", "name", "pk")
    present = list(session.attendance.values_list("enrolment_id", flat=True))
    form = AttendanceForm(request.POST if request.method == "POST" else None, enrolments=enrolments,
                          initial={"present": present})
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(session=session, actor=request.user, present=form.cleaned_data["present"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The attendance is recorded."))
            return redirect("training:programme", programme.pk)
    return render(request, "training/employees/attendance.html", {
        "form": form, "programme": programme, "session": session})


def _enrolment(request, pk):
    _reader(request)
    return get_object_or_404(access.enrolments_for(request.user).select_related("programme", "enterprise"), pk=pk)


@login_required
def assess(request, pk):
    enrolment = _enrolment(request, pk)
    if not access.can_manage(request.user, enrolment.programme):
        raise Http404
    form = AssessmentForm(request.POST if request.method == "POST" else None,
                          initial={"score": enrolment.score, "passed": enrolment.passed})
    if request.method == "POST" and form.is_valid():
        try:
            services.enrolment_assess(enrolment=enrolment, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assessment is recorded."))
            return redirect("training:programme", enrolment.programme_id)
    return render(request, "training/employees/assess.html", {"form": form, "enrolment": enrolment,
                                                               "programme": enrolment.programme})


@login_required
@require_POST
def withdraw(request, pk):
    enrolment = _enrolment(request, pk)
    if not access.can_withdraw(request.user, enrolment):
        raise Http404
    try:
        services.enrolment_withdraw(enrolment=enrolment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The enrolment is withdrawn."))
    return redirect("training:programme", enrolment.programme_id)


@login_required
@require_POST
def issue(request, pk):
    enrolment = _enrolment(request, pk)
    if not access.can_manage(request.user, enrolment.programme):
        raise Http404
    try:
        services.enrolment_issue_credential(enrolment=enrolment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The credential is issued to %(name)s.") % {"name": enrolment.name})
    return redirect("training:programme", enrolment.programme_id)


@login_required
def enrolment_list(request):
    _reader(request)
    form = EnrolmentFilterForm(request.GET or None)
    enrolments = access.enrolments_for(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            q = data["q"]
            enrolments = enrolments.filter(Q(name__icontains=q) | Q(employee_number__icontains=q)
                                           | Q(programme__title__icontains=q) | Q(enterprise__name_zh__icontains=q))
        if data["status"]:
            enrolments = enrolments.filter(status=data["status"])
    enrolments = enrolments.select_related("programme", "enterprise").order_by("-programme__starts_on", "name", "pk")
    page = Paginator(enrolments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/employees/enrolments.html", {"form": form, "page": page})


@login_required
def report(request):
    if not access.can_read_report(request.user):
        raise Http404
    form = ReportFilterForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else None
    rows = training_report(school_ids=access.report_school_ids(request.user), year=year)
    return render(request, "training/employees/report.html", {
        "form": form, "rows": rows,
        "totals": {"hours": sum(r["hours"] for r in rows), "income": sum(r["income"] for r in rows),
                   "people": sum(r["people"] for r in rows)},
    })
