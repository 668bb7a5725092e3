"""The site's rules in the security matrix: its own pages, the announcements, sign-in, the
admin console's frame and the API's root and description (see ``tests/matrix.py``).

Announcements belong to no organisation: each rule asks about a published one (public) or a
draft (the secretariat's alone), made when the rule needs it and gone with the persona's
rolled-back transaction."""

import io
from datetime import timedelta

from django.utils import timezone

from consortium.models import Announcement, AnnouncementAttachment, AnnouncementStatus
from tests.matrix import api, everyone, page, personas, reset_link_with_a_wrong_token, signed_in

NEW_ANNOUNCEMENT = {"title": "矩阵测试通知", "body": "请您知悉。"}


def _announcement(*, public: bool) -> Announcement:
    announcement, _created = Announcement.objects.get_or_create(
        title="矩阵公开通知" if public else "矩阵草稿通知",
        defaults={
            "body": "各成员单位：\n\n请您知悉。",
            "status": AnnouncementStatus.PUBLISHED if public else AnnouncementStatus.DRAFT,
            "published_at": timezone.now() - timedelta(days=1) if public else None,
        },
    )
    if not announcement.attachments.exists():
        content = b"%PDF-1.4\n%%EOF\n"
        attachment = AnnouncementAttachment(announcement=announcement, original_name="附件.pdf",
                                            content_type="application/pdf", size=len(content))
        attachment.file.save("附件.pdf", io.BytesIO(content), save=True)
    return announcement


def published_pk(w, t):
    return {"pk": _announcement(public=True).pk}


def draft_pk(w, t):
    return {"pk": _announcement(public=False).pk}


def published_file_pk(w, t):
    return {"pk": _announcement(public=True).attachments.get().pk}


def draft_file_pk(w, t):
    return {"pk": _announcement(public=False).attachments.get().pk}


def announcements_state(w, t):
    return list(Announcement.objects.order_by("pk").values_list("pk", "title", "body", "status", "published_at",
                                                               "pinned"))


def attachments_state(w, t):
    return list(AnnouncementAttachment.objects.order_by("pk").values_list("pk", "announcement_id", "file"))


SECRETARIAT_PAGE = personas(403, anonymous=302, secretariat=200)
SECRETARIAT_ACTION = personas(403, anonymous=302, secretariat=302)
# A draft is no one's business but the secretariat's: others are told it is not there.
DRAFT_PAGE = personas(404, anonymous=302, secretariat=200)
DRAFT_ACTION = personas(404, anonymous=302, secretariat=302)

RULES = {
    # --- site pages ---
    "home": (page(expect={"any": everyone(200)}),),
    "about": (page(expect={"any": everyone(200)}),),
    "healthz": (page(expect={"any": everyone(200)}),),
    "healthz_session": (page(expect={"any": signed_in(200)}),),
    "favicon": (page(expect={"any": everyone(301)}, anonymous_goes_to_login=False),),
    "audit_list": (page(expect={"any": personas(403, anonymous=302, secretariat=200)}),),
    # --- announcements: published ones for everyone, the rest for the secretariat ---
    "announcements:list": (page(expect={"any": everyone(200)}),),
    "announcements:detail": (
        page(kwargs=published_pk, expect={"any": everyone(200)}),
        page(kwargs=draft_pk, expect={"any": personas(404, secretariat=200)}),
    ),
    "announcements:attachment": (
        page(kwargs=published_file_pk, expect={"any": everyone(200)}),
        page(kwargs=draft_file_pk, expect={"any": personas(404, secretariat=200)}),
    ),
    "announcements:manage": (page(expect={"any": SECRETARIAT_PAGE}),),
    "announcements:create": (
        page(expect={"any": SECRETARIAT_PAGE}),
        page(method="post", data=NEW_ANNOUNCEMENT, state=announcements_state, expect={"any": SECRETARIAT_ACTION}),
    ),
    "announcements:edit": (
        page(kwargs=published_pk, expect={"any": SECRETARIAT_PAGE}),
        page(kwargs=draft_pk, expect={"any": DRAFT_PAGE}),
        page(kwargs=published_pk, method="post", data=NEW_ANNOUNCEMENT, state=announcements_state,
             expect={"any": SECRETARIAT_ACTION}),
        page(kwargs=draft_pk, method="post", data=NEW_ANNOUNCEMENT, state=announcements_state,
             expect={"any": DRAFT_ACTION}),
    ),
    # Sent without a file, the secretariat sees the edit page again with the reason.
    "announcements:attachment_add": (
        page(kwargs=published_pk, method="post", state=attachments_state, expect={"any": SECRETARIAT_PAGE}),
        page(kwargs=draft_pk, method="post", state=attachments_state, expect={"any": DRAFT_PAGE}),
        page(kwargs=draft_pk, expect={"any": signed_in(405)}),
    ),
    "announcements:attachment_remove": (
        page(kwargs=published_file_pk, method="post", state=attachments_state, expect={"any": SECRETARIAT_ACTION}),
        page(kwargs=draft_file_pk, method="post", state=attachments_state, expect={"any": DRAFT_ACTION}),
        page(kwargs=draft_file_pk, expect={"any": signed_in(405)}),
    ),
    # Publishing, withdrawing and deleting ask first (GET), then act (POST).
    "announcements:publish": (
        page(kwargs=draft_pk, expect={"any": DRAFT_PAGE}),
        page(kwargs=draft_pk, method="post", state=announcements_state, expect={"any": DRAFT_ACTION}),
        page(kwargs=published_pk, method="post", state=announcements_state, expect={"any": SECRETARIAT_ACTION}),
    ),
    "announcements:withdraw": (
        page(kwargs=published_pk, expect={"any": SECRETARIAT_PAGE}),
        page(kwargs=published_pk, method="post", state=announcements_state, expect={"any": SECRETARIAT_ACTION}),
        page(kwargs=draft_pk, method="post", state=announcements_state, expect={"any": DRAFT_ACTION}),
    ),
    "announcements:delete": (
        page(kwargs=draft_pk, expect={"any": DRAFT_PAGE}),
        page(kwargs=draft_pk, method="post", state=announcements_state, expect={"any": DRAFT_ACTION}),
        # A published announcement is not deleted, whoever asks: the secretariat is told to withdraw it first.
        page(kwargs=published_pk, method="post", state=announcements_state, expect={"any": SECRETARIAT_ACTION}),
    ),
    "set_language": (
        page(method="post", data={"language": "en", "next": "/"}, anonymous_goes_to_login=False,
             expect={"any": everyone(302)}),
    ),
    "text_size": (
        page(method="post", data={"size": "large", "next": "/"}, anonymous_goes_to_login=False,
             expect={"any": everyone(302)}),
        page(expect={"any": everyone(405)}, anonymous_goes_to_login=False),
    ),
    "login": (page(expect={"any": signed_in(302, anonymous=200)}),),
    "logout": (
        page(method="post", anonymous_goes_to_login=False, expect={"any": everyone(302)}),
        page(expect={"any": everyone(405)}),
    ),
    "password_change": (page(expect={"any": signed_in(200)}),),
    "password_change_done": (page(expect={"any": signed_in(200)}),),
    "password_reset": (page(expect={"any": everyone(200)}),),
    "password_reset_done": (page(expect={"any": everyone(200)}),),
    # A reset link with a wrong token shows "link invalid", never the new-password form.
    "password_reset_confirm": (
        page(kwargs=reset_link_with_a_wrong_token, forbidden_text=('name="new_password1"',),
             expect={"any": everyone(200)}),
    ),
    "password_reset_complete": (page(expect={"any": everyone(200)}),),
    # --- the admin console: the secretariat only; everyone else is sent to its sign-in page ---
    # One sign-in page for the whole portal: the admin console's sends visitors to it.
    "admin:login": (page(expect={"any": personas(403, anonymous=302, secretariat=302)}),),
    "admin:index": (page(expect={"any": personas(302, secretariat=200)}),),
    "admin:core_auditevent_changelist": (
        page(expect={"any": personas(302, secretariat=200)}),
    ),
    "admin:consortium_announcement_changelist": (
        page(expect={"any": personas(302, secretariat=200)}),
    ),
    # --- the API's root and its description ---
    "api-root": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "announcement-list": (
        api(expect={"any": signed_in(200, anonymous=401)}),
        api(method="post", data=NEW_ANNOUNCEMENT, state=announcements_state, expect={"any": signed_in(405, anonymous=401)}),
    ),
    "announcement-detail": (
        api(kwargs=published_pk, expect={"any": signed_in(200, anonymous=401)}),
        api(kwargs=draft_pk, expect={"any": personas(404, anonymous=401)}),
        api(kwargs=published_pk, method="delete", state=announcements_state, expect={"any": signed_in(405, anonymous=401)}),
    ),
    "api_schema": (api(expect={"any": everyone(200)}),),
    "api_docs": (api(expect={"any": everyone(200)}),),
}

# Families of URLs answered by one rule: their members need no rule of their own, but
# the rules the apps give some of them (which must exist) show the family's rule holds.
FAMILIES = {
    # Django's admin console: every page of it is behind AdminSite.has_permission, which is
    # access.can_use_admin_console: the secretariat only.
    "admin:": "the secretariat's console",
}
