"""Standards' pages: the library with its search and filters, one standard with its competences
and version history, two versions side by side, and the keepers' writes — a standard, its
competences, its next version. Every write is a call to ``services.standards``; anything outside
the viewer's reach answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from members.forms import add_service_errors
from training.access import standards as access
from training.forms.standards import CompetenceForm, NewVersionForm, StandardFilterForm, StandardForm
from training.models import Competence
from training.selectors import standards as selectors
from training.services import standards as services

PAGE_SIZE = 25


def _reader(request) -> None:
    if not access.can_read_standards(request.user):
        raise Http404


def _standard(request, pk, *, edit=False):
    _reader(request)
    standard = get_object_or_404(access.standards_for(request.user).select_related("owner", "replaces"), pk=pk)
    if edit and not access.can_edit_standard(request.user, standard):
        raise Http404
    return standard


@login_required
def standard_list(request):
    _reader(request)
    form = StandardFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    if not request.GET.get("current"):
        data = {**data, "current": "current"}
    page = Paginator(selectors.standard_list(request.user, data), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/standards/list.html", {
        "form": form, "page": page, "can_keep": access.can_keep_standards(request.user),
    })


@login_required
def standard_detail(request, pk):
    standard = _standard(request, pk)
    competences = list(standard.competences.select_related("skill").order_by("code"))
    versions = selectors.history(standard)
    return render(request, "training/standards/detail.html", {
        "standard": standard, "competences": competences, "versions": versions,
        "can_edit": access.can_edit_standard(request.user, standard),
    })


@login_required
def standard_compare(request, pk):
    """This version beside the one it replaces (or another version of the same code: ?with=)."""
    standard = _standard(request, pk)
    versions = selectors.history(standard)
    other = None
    if request.GET.get("with", "").isdigit():
        other = next((v for v in versions if v.pk == int(request.GET["with"]) and v.pk != standard.pk), None)
    if other is None:
        other = standard.replaces
    if other is None:
        raise Http404
    older, newer = sorted([standard, other], key=lambda v: (v.effective_on, v.pk))
    changes = selectors.compare(older, newer)
    return render(request, "training/standards/compare.html", {
        "standard": standard, "older": older, "newer": newer, "changes": changes, "versions": versions,
    })


def _fields(form, names):
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


@login_required
def standard_create(request):
    _reader(request)
    if not access.can_keep_standards(request.user):
        raise Http404
    form = StandardForm(request.POST if request.method == "POST" else None, owners=access.owner_choices(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            standard = services.standard_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The standard is added. Now add the competences it requires."))
            return redirect("training:standard", standard.pk)
    return render(request, "training/standards/form.html", {"form": form, "standard": None})


@login_required
def standard_edit(request, pk):
    standard = _standard(request, pk, edit=True)
    initial = {name: getattr(standard, name) for name in services.STANDARD_FIELDS}
    form = StandardForm(request.POST if request.method == "POST" else None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.standard_update(standard=standard, actor=request.user,
                                     **_fields(form, services.STANDARD_FIELDS))
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The standard is saved."))
            return redirect("training:standard", standard.pk)
    return render(request, "training/standards/form.html", {"form": form, "standard": standard})


@login_required
def standard_new_version(request, pk):
    standard = _standard(request, pk, edit=True)
    initial = {"title": standard.title, "issuing_body": standard.issuing_body, "summary": standard.summary}
    form = NewVersionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.standard_new_version(standard=standard, actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Version %(version)s is now the current one; its competences are copied from "
                                        "the version before, to be edited here.") % {"version": new.version})
            return redirect("training:standard", new.pk)
    return render(request, "training/standards/new_version.html", {"form": form, "standard": standard})


def _competence_form(request, standard, competence=None):
    initial = None if competence is None else {name: getattr(competence, name) for name in services.COMPETENCE_FIELDS}
    form = CompetenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if competence is None:
                services.competence_create(standard=standard, actor=request.user, **form.cleaned_data)
            else:
                services.competence_update(competence=competence, actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The competence is saved."))
            return redirect("training:standard", standard.pk)
    return render(request, "training/standards/competence_form.html", {
        "form": form, "standard": standard, "competence": competence})


@login_required
def competence_create(request, pk):
    return _competence_form(request, _standard(request, pk, edit=True))


def _competence(request, pk):
    _reader(request)
    competence = get_object_or_404(Competence.objects.select_related("standard__owner"), pk=pk)
    if not access.can_edit_standard(request.user, competence.standard):
        raise Http404
    return competence


@login_required
def competence_edit(request, pk):
    competence = _competence(request, pk)
    return _competence_form(request, competence.standard, competence)


@login_required
def competence_delete(request, pk):
    competence = _competence(request, pk)
    standard = competence.standard
    if request.method == "POST":
        try:
            services.competence_delete(competence=competence, actor=request.user)
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("The competence is removed from this version."))
        return redirect("training:standard", standard.pk)
    return render(request, "training/standards/competence_delete.html", {"standard": standard, "competence": competence})
