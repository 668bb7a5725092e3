"""The postings pages (岗位需求): the platform's entry page, the published postings everyone on the
platform browses, a posting's page, and an enterprise's own postings with their forms and the
publish, close and copy confirmations.

What a viewer sees comes from ``talent_matching.access``; a posting outside it answers 404, and
so does one the viewer sees but may not change. Every write is a call to
``talent_matching.services.postings``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from members.forms import add_service_errors
from members.models import Organization, OrganizationStatus
from talent_matching import access
from talent_matching.forms.postings import (
    BrowseFilterForm,
    CertificateFormSetFactory,
    ManageFilterForm,
    PostingForm,
    SkillFormSetFactory,
)
from talent_matching.models import Posting, PostingSkill, PostingStatus
from talent_matching.selectors.postings import (
    filter_published,
    published_postings,
)
from talent_matching.services import postings as services

PAGE_SIZE = 20


def _platform(request):
    if not access.can_use_talent_platform(request.user):
        raise Http404


def _enterprises(request):
    """The active enterprises the viewer writes postings for (404 for anyone else)."""
    enterprises = Organization.objects.filter(
        pk__in=access.enterprise_ids(request.user), status=OrganizationStatus.ACTIVE
    ).order_by("name_zh")
    if not enterprises:
        raise Http404
    return enterprises


def _with_skills(postings):
    return postings.select_related("organization", "location__parent").prefetch_related(
        Prefetch("skills", queryset=PostingSkill.objects.select_related("skill"))
    )


# --- the entry page --------------------------------------------------------------------------


@login_required
def home(request):
    """人才供需: the platform's hub — what each part offers this person (their postings, profile,
    applications, candidates, placement rounds, supply and demand), as on the home page."""
    _platform(request)
    from core.portal import resolved_sections
    from talent_matching.portal import HOME_PANELS

    return render(request, "talent_matching/postings/home.html", {
        "sections": resolved_sections(request.user, HOME_PANELS),
    })


# --- browsing published postings ---------------------------------------------------------------


@login_required
def posting_list(request):
    _platform(request)
    form = BrowseFilterForm(request.GET or None)
    postings = published_postings(request.user)
    if form.is_valid():
        postings = filter_published(postings, form.cleaned_data)
    postings = _with_skills(postings).order_by("-published_at", "-pk")
    page = Paginator(postings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "talent_matching/postings/list.html", {
        "form": form, "page": page, "filtered": form.is_bound, "today": timezone.localdate(),
        "can_manage": bool(access.enterprise_ids(request.user)),
    })


@login_required
def posting_detail(request, pk):
    _platform(request)
    posting = get_object_or_404(
        access.postings_for(request.user).select_related("organization", "location__parent", "occupation"), pk=pk
    )
    can_edit = access.can_edit_posting(request.user, posting)
    if posting.status != PostingStatus.PUBLISHED and not can_edit and not access.is_secretariat(request.user):
        raise Http404
    return render(request, "talent_matching/postings/detail.html", {
        "posting": posting,
        "skills": posting.skills.select_related("skill"),
        "certificates": posting.certificates.all(),
        "majors": posting.majors.order_by("code"),
        "can_edit": can_edit,
        "can_see_candidates": posting.status == PostingStatus.PUBLISHED and access.can_see_candidates(request.user, posting),
        "can_apply": posting.is_open and access.can_apply(request.user),
        "problems": services.publish_problems(posting) if can_edit and posting.status == PostingStatus.DRAFT else [],
    })


# --- an enterprise's own postings ------------------------------------------------------------


@login_required
def posting_manage(request):
    enterprises = _enterprises(request)
    form = ManageFilterForm(request.GET or None)
    own = Posting.objects.filter(organization__in=enterprises)
    counts = dict(own.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    postings = own
    if form.is_valid():
        if form.cleaned_data["q"]:
            postings = postings.filter(title__icontains=form.cleaned_data["q"].strip())
        if form.cleaned_data["status"]:
            postings = postings.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["kind"]:
            postings = postings.filter(kind=form.cleaned_data["kind"])
    postings = postings.select_related("organization").annotate(skill_count=Count("skills")).order_by(
        "status", "-updated_at", "-pk")
    page = Paginator(postings, PAGE_SIZE).get_page(request.GET.get("page"))
    states = [(value, label, counts.get(value, 0)) for value, label in PostingStatus.choices]
    return render(request, "talent_matching/postings/manage.html", {
        "form": form, "page": page, "states": states, "total": sum(counts.values()),
        "several": len(enterprises) > 1, "today": timezone.localdate(),
    })


def _editable(request, pk):
    """A posting the viewer may change: another's (or one they only see) answers 404."""
    posting = get_object_or_404(access.postings_for(request.user).select_related("organization"), pk=pk)
    if not access.can_edit_posting(request.user, posting):
        raise Http404
    return posting


def _posting_form(request, enterprises, posting=None):
    data = request.POST if request.method == "POST" else None
    form = PostingForm(data, instance=posting, enterprises=enterprises)
    skills = SkillFormSetFactory(data, instance=posting or Posting(), prefix="skills")
    certificates = CertificateFormSetFactory(data, instance=posting or Posting(), prefix="certificates")
    if data is not None and all([form.is_valid(), skills.is_valid(), certificates.is_valid()]):
        values = {name: form.cleaned_data[name] for name in services.POSTING_FIELDS if name in form.cleaned_data}
        try:
            if posting is None:
                saved = services.posting_create(
                    organization=form.cleaned_data.get("organization") or enterprises[0], actor=request.user,
                    data=values, majors=form.cleaned_data["majors"], skills=skills.rows(),
                    certificates=certificates.rows(),
                )
            else:
                saved = services.posting_update(
                    posting=posting, actor=request.user, data=values, majors=form.cleaned_data["majors"],
                    skills=skills.rows(), certificates=certificates.rows(),
                )
        except PermissionDenied:
            raise Http404
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if saved.status == PostingStatus.PUBLISHED:
                messages.success(request, _("The posting is saved; students see the change now."))
            else:
                messages.success(request, _("The draft is saved. Publish it when it is complete."))
            return redirect("talent:posting_detail", pk=saved.pk)
    return render(request, "talent_matching/postings/form.html", {
        "form": form, "skills": skills, "certificates": certificates, "posting": posting,
        "formsets_titled": [(skills, _("Skills")), (certificates, _("Certificates"))],
        "has_errors": bool(form.errors or skills.total_error_count() or certificates.total_error_count())
        if data is not None else False,
    })


@login_required
def posting_create(request):
    return _posting_form(request, _enterprises(request))


@login_required
def posting_edit(request, pk):
    posting = _editable(request, pk)
    if posting.status == PostingStatus.CLOSED:
        messages.info(request, _("A closed posting is not changed: copy it into a new draft instead."))
        return redirect("talent:posting_detail", pk=posting.pk)
    return _posting_form(request, _enterprises(request), posting)


ACTIONS = {
    "publish": services.posting_publish,
    "close": services.posting_close,
    "copy": services.posting_copy,
}


def _action(request, pk, action):
    """Publish, close or copy a posting, after a confirmation that says what will happen (and,
    for publishing, what is missing)."""
    posting = _editable(request, pk)
    problems = services.publish_problems(posting) if action == "publish" and posting.status == PostingStatus.DRAFT else []
    allowed = {
        "publish": posting.status == PostingStatus.DRAFT,
        "close": posting.status == PostingStatus.PUBLISHED,
        "copy": True,
    }[action]
    if request.method == "POST" and allowed and not problems:
        try:
            result = ACTIONS[action](posting=posting, actor=request.user)
        except PermissionDenied:
            raise Http404
        except ValidationError as error:
            problems = error.messages
        else:
            if action == "publish":
                messages.success(request, _("The posting is published: students and schools find it now."))
            elif action == "close":
                messages.success(request, _("The posting is closed: it takes no more applications."))
            else:
                messages.success(request, _("A new draft is made from the posting: give its deadline and period."))
                return redirect("talent:posting_edit", pk=result.pk)
            return redirect("talent:posting_detail", pk=posting.pk)
    return render(request, "talent_matching/postings/confirm.html", {
        "posting": posting, "action": action, "problems": problems, "allowed": allowed,
    })


@login_required
def posting_publish(request, pk):
    return _action(request, pk, "publish")


@login_required
def posting_close(request, pk):
    return _action(request, pk, "close")


@login_required
def posting_copy(request, pk):
    return _action(request, pk, "copy")
