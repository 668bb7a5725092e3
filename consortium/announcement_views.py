"""通知公告: the public list and pages of the consortium's announcements, their files, and
the secretariat's pages to write, publish, withdraw and delete them.

Announcements are looked up among those the viewer may see (``consortium.access``), so a
draft answers 404 to anyone but the secretariat; the secretariat's actions on a public one
answer 403 to others. Publishing, withdrawing and deleting ask first, on a page of their own."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from consortium import access, selectors, services
from consortium.forms import AnnouncementForm, AnnouncementManageFilterForm, AnnouncementSearchForm, AttachmentForm
from consortium.selectors import ANNOUNCEMENTS
from core.caching import cache_for_visitors
from core.files import download
from members.forms import add_service_errors

PAGE_SIZE = 20


@cache_for_visitors(ANNOUNCEMENTS)
def announcement_list(request):
    """The published announcements, pinned first and then the newest, searchable."""
    form = AnnouncementSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(selectors.public_announcements(q=q), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "consortium/announcement_list.html", {
        "form": form, "page": page, "q": q.strip(), "can_manage": access.can_manage_announcements(request.user),
    })


@cache_for_visitors(ANNOUNCEMENTS)
def announcement_detail(request, pk):
    """One announcement with its files; the secretariat also sees drafts, marked as such."""
    announcement = get_object_or_404(access.announcements_for(request.user), pk=pk)
    return render(request, "consortium/announcement_detail.html", {
        "announcement": announcement,
        "attachments": list(announcement.attachments.all()),
        "can_manage": access.can_manage_announcements(request.user),
    })


def attachment_download(request, pk):
    """An announcement's file, to download: the public's only when the announcement is
    published, the secretariat's always. Served with the type its kind has, never sniffed."""
    attachment = get_object_or_404(access.attachments_for(request.user).select_related("announcement"), pk=pk)
    return download(
        attachment.file, name=attachment.original_name, content_type=attachment.content_type,
        fallback=f"attachment-{attachment.pk}{PurePath(attachment.original_name).suffix.lower()}",
        private=not attachment.announcement.is_published,
    )


# --- the secretariat's pages -------------------------------------------------------------------


def _require_manager(request) -> None:
    if not access.can_manage_announcements(request.user):
        raise PermissionDenied


def _managed(request, pk):
    """An announcement the secretariat acts on: 404 where the viewer may not see it, 403
    where they may see but not change it."""
    announcement = get_object_or_404(access.announcements_for(request.user), pk=pk)
    _require_manager(request)
    return announcement


@login_required
def announcement_manage(request):
    """Every announcement, drafts and published, with its status, for the secretariat."""
    _require_manager(request)
    form = AnnouncementManageFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    announcements = selectors.managed_announcements(request.user, q=filters.get("q", ""),
                                                    status=filters.get("status", ""))
    page = Paginator(announcements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "consortium/announcement_manage.html", {"form": form, "page": page})


@login_required
def announcement_create(request):
    _require_manager(request)
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            announcement = services.announcement_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The draft was saved. Add its attachments, if any, then publish it."))
            return redirect("announcements:edit", pk=announcement.pk)
    return render(request, "consortium/announcement_form.html", {"form": form})


def _edit_page(request, announcement, *, form=None, attachment_form=None):
    """The edit page; after a refused upload, with the reasons on the file field."""
    return render(request, "consortium/announcement_form.html", {
        "announcement": announcement,
        "form": form or AnnouncementForm(instance=announcement),
        "attachment_form": attachment_form or AttachmentForm(),
        "attachments": list(announcement.attachments.all()),
    })


@login_required
def announcement_edit(request, pk):
    announcement = _managed(request, pk)
    if request.method != "POST":
        return _edit_page(request, announcement)
    form = AnnouncementForm(request.POST, instance=announcement)
    if form.is_valid():
        try:
            services.announcement_update(announcement=announcement, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The announcement was saved."))
            return redirect("announcements:edit", pk=announcement.pk)
    announcement.refresh_from_db()
    return _edit_page(request, announcement, form=form)


@login_required
@require_POST
def attachment_add(request, pk):
    announcement = _managed(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added = services.attachments_add(announcement=announcement, actor=request.user,
                                             files=form.cleaned_data["files"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, ngettext(
                "%(count)d file was attached.", "%(count)d files were attached.", len(added)
            ) % {"count": len(added)})
            return redirect("announcements:edit", pk=announcement.pk)
    return _edit_page(request, announcement, attachment_form=form)


@login_required
@require_POST
def attachment_remove(request, pk):
    attachment = get_object_or_404(access.attachments_for(request.user), pk=pk)
    _require_manager(request)
    services.attachment_remove(attachment=attachment, actor=request.user)
    messages.success(request, _("“%(name)s” was removed.") % {"name": attachment.original_name})
    return redirect("announcements:edit", pk=attachment.announcement_id)


def _confirm(request, announcement, action, *, done: str, already: str | None):
    """Ask first (GET), then act (POST). ``already``: why there is nothing to do (published
    twice, withdrawn while a draft, deleted while public), said instead of asking."""
    if already is not None:
        already = already % {"title": announcement.title}
    if request.method == "POST":
        if already is not None:
            messages.info(request, already)
            return redirect("announcements:edit", pk=announcement.pk)
        action(announcement=announcement, actor=request.user)
        messages.success(request, done % {"title": announcement.title})
        return None
    return render(request, "consortium/announcement_confirm.html", {
        "announcement": announcement, "action": action.__name__.removeprefix("announcement_"), "already": already,
        "attachment_count": announcement.attachments.count(),
    })


@login_required
def announcement_publish(request, pk):
    announcement = _managed(request, pk)
    response = _confirm(
        request, announcement, services.announcement_publish,
        done=_("“%(title)s” was published; everyone can read it now."),
        already=_("“%(title)s” is already published.") if announcement.is_published else None,
    )
    return response or redirect(announcement)


@login_required
def announcement_withdraw(request, pk):
    announcement = _managed(request, pk)
    response = _confirm(
        request, announcement, services.announcement_withdraw,
        done=_("“%(title)s” was withdrawn; it is a draft again and the public no longer sees it."),
        already=None if announcement.is_published else _("“%(title)s” is not published."),
    )
    return response or redirect("announcements:edit", pk=announcement.pk)


@login_required
def announcement_delete(request, pk):
    announcement = _managed(request, pk)
    response = _confirm(
        request, announcement, services.announcement_delete,
        done=_("The draft “%(title)s” was deleted."),
        already=_("“%(title)s” is published; withdraw it before deleting it.") if announcement.is_published else None,
    )
    return response or redirect("announcements:manage")
