"""Teachers' training pages: my training record (my records, my five-year practice indicator, my
双师型 applications), a record and its writes (edit, submit, the provider's sign-off or return),
the provider's queue, the school's teacher overview, and 双师型 applications and decisions. Every
write is a call to ``services.teachers``; anything outside the viewer's reach answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.files import download
from members.forms import add_service_errors
from members.models import Organization
from training.access import teachers as access
from training.forms.teachers import (
    DualApplyForm, DualDecideForm, OverviewFilterForm, RecordFilterForm, RecordForm, ReviewForm,
)
from training.models import DualStatus, TeacherTrainingEvidence, TrainingRecordStatus
from training.selectors import teachers as selectors
from training.services import teachers as services

PAGE_SIZE = 25


def _user(request) -> None:
    if not access.can_use_records(request.user):
        raise Http404


def _teacher(request) -> None:
    if not access.is_teacher(request.user):
        raise Http404


def _record(request, pk, *related):
    _user(request)
    return get_object_or_404(access.records_for(request.user).select_related("teacher", "provider", "school",
                                                                             *related), pk=pk)


def _filtered(request, records):
    form = RecordFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            records = records.filter(Q(title__icontains=data["q"]) | Q(content__icontains=data["q"])
                                     | Q(provider__name_zh__icontains=data["q"]))
        if data["kind"]:
            records = records.filter(kind=data["kind"])
        if data["status"]:
            records = records.filter(status=data["status"])
    return form, records


@login_required
def my_records(request):
    """My training record: the five-year indicator, my records, my 双师型 applications."""
    _user(request)
    if not access.is_teacher(request.user):
        # Providers and schools land on what is theirs.
        return redirect("training:teacher_queue" if access.signer_org_ids(request.user) else "training:teacher_overview")
    form, records = _filtered(request, request.user.training_records.select_related("provider"))
    page = Paginator(records.order_by("-starts_on", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    applications = list(request.user.dual_teacher_applications.order_by("-created_at")[:10])
    return render(request, "training/teachers/mine.html", {
        "form": form, "page": page, "practice": selectors.teacher_practice(request.user),
        "applications": applications,
    })


def _record_form(request, record=None):
    initial = None
    if record is not None:
        initial = {name: getattr(record, name) for name in services.RECORD_FIELDS}
    form = RecordForm(request.POST if request.method == "POST" else None,
                      request.FILES if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("evidence")
        data["evidence"] = [upload] if upload else []
        try:
            if record is None:
                record = services.record_create(actor=request.user, **data)
            else:
                services.record_update(record=record, actor=request.user, **data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The training record is saved. Submit it for sign-off when it is complete."))
            return redirect("training:teacher_record", record.pk)
    return render(request, "training/teachers/form.html", {"form": form, "record": record})


@login_required
def record_create(request):
    _teacher(request)
    return _record_form(request)


@login_required
def record_edit(request, pk):
    record = _record(request, pk)
    if not access.can_edit(request.user, record):
        raise Http404
    return _record_form(request, record)


@login_required
def record_detail(request, pk):
    record = _record(request, pk, "signed_off_by", "credential")
    return render(request, "training/teachers/detail.html", {
        "record": record, "evidence": list(record.evidence.all()),
        "can_edit": access.can_edit(request.user, record), "can_sign": access.can_sign(request.user, record),
    })


@login_required
def record_submit(request, pk):
    """Confirm: the record goes to the provider organisation for sign-off."""
    record = _record(request, pk)
    if not access.can_edit(request.user, record):
        raise Http404
    error = None
    if request.method == "POST":
        try:
            services.record_submit(record=record, actor=request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, _("The record is submitted to %(provider)s for sign-off.")
                             % {"provider": record.provider.name})
            return redirect("training:teacher_record", pk)
    return render(request, "training/teachers/submit.html", {"record": record, "error": error})


@login_required
def record_review(request, pk):
    """The provider signs the record off or returns it with the reason."""
    record = _record(request, pk)
    if not access.can_sign(request.user, record):
        raise Http404
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "sign_off":
                services.record_sign_off(record=record, actor=request.user)
                done = _("The record is signed off and its certificate issued.")
            else:
                services.record_return(record=record, actor=request.user, reason=form.cleaned_data["reason"])
                done = _("The record is returned to the teacher.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("training:teacher_queue")
    return render(request, "training/teachers/review.html", {"record": record, "form": form,
                                                             "evidence": list(record.evidence.all())})


@login_required
def evidence(request, pk):
    """An evidence file, for those who see its record."""
    _user(request)
    item = get_object_or_404(TeacherTrainingEvidence.objects.filter(record__in=access.records_for(request.user)),
                             pk=pk)
    return download(item.file, name=item.name, content_type=item.content_type, fallback="evidence")


@login_required
def queue(request):
    """The provider's records: waiting for sign-off first, then those decided."""
    _user(request)
    signers = access.signer_org_ids(request.user)
    if not signers:
        raise Http404
    base = access.records_for(request.user).filter(provider_id__in=signers)
    form, records = _filtered(request, base)
    if not request.GET.get("status"):
        records = records.filter(status=TrainingRecordStatus.SUBMITTED)
    records = records.select_related("teacher", "school", "provider").order_by("submitted_at", "pk")
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/teachers/queue.html", {"form": form, "page": page})


@login_required
def overview(request):
    """The school's teachers with their five-year practice and 双师型 share (one aggregate query)."""
    if not access.can_see_overview(request.user):
        raise Http404
    scope = access.overview_school_ids(request.user)
    schools = Organization.objects.filter(pk__in=scope) if scope is not None else Organization.objects.filter(
        pk__in=access.teacher_ids_of(None).values("organization_id"))
    form = OverviewFilterForm(request.GET or None, schools=schools.order_by("name_zh"))
    chosen = scope
    rows = None
    if form.is_valid() and form.cleaned_data["school"] is not None:
        chosen = {form.cleaned_data["school"].pk}
    rows = selectors.overview(chosen)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            rows = rows.filter(Q(full_name__icontains=data["q"]) | Q(username__icontains=data["q"]))
        if data["colour"]:
            rows = rows.filter(colour=data["colour"])
        if data["dual"]:
            rows = rows.filter(is_certified=data["dual"] == "yes")
    rows = rows.only("pk", "username", "full_name", "first_name", "last_name").order_by("days", "full_name", "pk")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/teachers/overview.html", {
        "form": form, "page": page, "summary": selectors.overview_summary(chosen),
        "required": selectors.PRACTICE_DAYS_REQUIRED,
    })


@login_required
def dual_list(request):
    """双师型 applications: a teacher's own; the committee's school's, pending first."""
    _user(request)
    applications = access.applications_for(request.user).select_related("teacher", "school", "decided_by")
    status = request.GET.get("status", "")
    if status in DualStatus.values:
        applications = applications.filter(status=status)
    q = request.GET.get("q", "").strip()
    if q:
        applications = applications.filter(Q(teacher__full_name__icontains=q) | Q(teacher__username__icontains=q))
    page = Paginator(applications.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/teachers/dual_list.html", {
        "page": page, "status": status, "q": q, "statuses": DualStatus.choices,
        "can_apply": access.is_teacher(request.user),
    })


@login_required
def dual_apply(request):
    _teacher(request)
    records = request.user.training_records.filter(status=TrainingRecordStatus.SIGNED_OFF).order_by("-starts_on")
    form = DualApplyForm(request.POST if request.method == "POST" else None, records=records)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.dual_apply(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your application is sent to the school's committee."))
            return redirect("training:dual_application", application.pk)
    return render(request, "training/teachers/dual_apply.html", {"form": form, "has_records": records.exists()})


@login_required
def dual_detail(request, pk):
    """An application with its evidence; the committee decides here."""
    _user(request)
    application = get_object_or_404(
        access.applications_for(request.user).select_related("teacher", "school", "decided_by"), pk=pk)
    can_decide = application.status == DualStatus.PENDING and access.can_decide(request.user, application)
    form = DualDecideForm(request.POST if request.method == "POST" else None,
                          initial={"level": application.level}) if can_decide else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.dual_decide(application=application, actor=request.user,
                                     approve=data["decision"] == "approve", level=data["level"],
                                     reasons=data["reasons"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The decision is recorded."))
                return redirect("training:dual_application", pk)
    return render(request, "training/teachers/dual_detail.html", {
        "application": application, "form": form,
        "records": list(application.records.select_related("provider").order_by("-starts_on")),
        "practice": selectors.teacher_practice(application.teacher),
    })
