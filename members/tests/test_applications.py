"""Applying to join as an organisation meets it: the guide, the form in parts with one error
summary, the region picker, licence files, the reference number and the progress page, the
secretariat's confirmed decisions, sending back for changes and resubmitting, and the
e-mails of every step."""

import re
from html import unescape

import pytest
from django.core import mail
from django.core.cache import cache
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from core.models import AuditEvent
from members import notifications, services
from members.models import (
    ApplicationAttachment,
    ApplicationEventKind,
    ApplicationStatus,
    MembershipApplication,
    Organization,
    normalize_reference,
)
from members.tests.test_views import application_data, decide, licence_scan, nothing_saved
from tests.fixtures import client_for
from tests.pages import part, shows, zh

pytestmark = pytest.mark.django_db


def en(message: str) -> str:
    with translation.override("en"):
        return str(translation.gettext(message))


def send_steps(application) -> None:
    """What the worker does after commit: e-mail each step not yet told (see test_tasks)."""
    for event in application.events.filter(notified_at__isnull=True):
        assert notifications.application_event_notify(event_id=event.pk)


@pytest.fixture
def submitted(client):
    """An application submitted through the form, its receipt e-mailed."""
    response = client.post(reverse("members:apply"), application_data())
    assert response.status_code == 302, response.context["form"].errors
    application = MembershipApplication.objects.get()
    send_steps(application)
    return application


def look_up(client, reference, contact, **kwargs):
    return client.post(reverse("members:application_progress"), {"reference": reference, "contact": contact}, **kwargs)


# --- the guide and the form -------------------------------------------------------------------


def test_the_guide_says_who_may_apply_what_is_needed_and_how_long_it_takes(client):
    page = client.get(reverse("members:join"))

    assert page.status_code == 200
    for heading in ("Who may apply", "What you need", "How the secretariat decides", "Following your application"):
        assert shows(page, zh(heading))
    assert shows(page, "10")  # working days, from APPLICATION_REVIEW_DAYS
    html = page.content.decode()
    assert reverse("members:apply") in html and reverse("members:application_progress") in html


def test_the_guide_reads_in_english_too(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("members:join"))

    assert "Who may apply" in page.content.decode()
    assert "What you need" in page.content.decode()


def test_the_form_comes_in_labelled_parts(client):
    html = client.get(reverse("members:apply")).content.decode()

    legends = re.findall(r'<legend class="h5">([^<]+)</legend>', html)
    assert [unescape(legend) for legend in legends] == [
        zh("1. The organisation"), zh("2. Contact for this application"),
        zh("3. Your account as the organisation's administrator"), zh("4. Statement and documents")]
    assert 'enctype="multipart/form-data"' in html


def test_errors_are_summed_up_at_the_top_with_links_to_each_field_and_everything_typed_is_kept(client):
    data = application_data(contact_email="not-an-address", password2="Something-Else-2026", statement="")

    response = client.post(reverse("members:apply"), data)

    assert response.status_code == 200
    summary = part(response, "error-summary")
    with translation.override("zh-hans"):
        heading = ngettext("Please correct %(count)s problem:", "Please correct %(count)s problems:", 3) % {"count": 3}
    assert summary.text.startswith(heading)
    assert {"#id_contact_email", "#id_password2", "#id_statement"} <= set(summary.links)
    html = response.content.decode()
    assert 'value="常州新申请智能科技有限公司"' in html, "what was typed is kept"
    assert 'value="not-an-address"' in html
    assert application_data()["password1"] not in html, "passwords are not sent back"
    assert 'aria-describedby="id_contact_email_error' in html
    assert nothing_saved()


# --- the region picker ------------------------------------------------------------------------


def test_the_region_is_a_searchable_text_box_not_a_long_list(client):
    html = client.get(reverse("members:apply")).content.decode()

    assert '<select name="region"' not in html
    assert re.search(r'<input[^>]+name="region"[^>]+list="id_region_list"', html)
    assert '<option value="320411 常州市新北区">' in html


@pytest.mark.parametrize("typed", ["新北区", "常州市新北区", "320411 常州市新北区", "320411"])
def test_a_region_is_found_by_its_name_or_code(client, typed):
    response = client.post(reverse("members:apply"), application_data(region=typed))

    assert response.status_code == 302
    assert Organization.objects.get(name_zh=application_data()["name_zh"]).region_id == "320411"


def test_a_name_two_districts_share_asks_for_the_code(client):
    # 鼓楼区 is a district of both Nanjing and Xuzhou.
    response = client.post(reverse("members:apply"), application_data(region="鼓楼区"))

    assert response.context["form"].errors["region"] == [
        zh("More than one county or district is called “%(value)s”; type its six-digit code.") % {"value": "鼓楼区"}
    ]
    assert nothing_saved()


def test_an_unknown_region_is_refused_with_what_to_type(client):
    response = client.post(reverse("members:apply"), application_data(region="火星区"))

    assert response.context["form"].errors["region"] == [
        zh("Type the six-digit code or the name of a county or district in the consortium's area, and pick it "
           "from the list.")
    ]


# --- licence files ----------------------------------------------------------------------------


def test_the_licence_is_required(client):
    data = application_data()
    del data["attachments"]

    response = client.post(reverse("members:apply"), data)

    assert "attachments" in response.context["form"].errors
    assert nothing_saved()


def test_a_file_that_is_not_what_its_name_says_is_refused_by_name_and_nothing_is_saved(client):
    fake = SimpleUploadedFile("营业执照.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf")

    response = client.post(reverse("members:apply"), application_data(attachments=[licence_scan("照片.png",
                                                                      b"\x89PNG\r\n\x1a\n....."), fake]))

    assert response.status_code == 200
    errors = response.context["form"].errors["attachments"]
    assert len(errors) == 1 and "“营业执照.pdf”" in errors[0]
    assert nothing_saved()
    assert not ApplicationAttachment.objects.exists()


def test_a_file_too_large_is_refused_with_the_limit(client, settings):
    big = licence_scan(content=b"%PDF-1.4\n" + b"0" * (services.ATTACHMENT_MAX_BYTES + 1))

    response = client.post(reverse("members:apply"), application_data(attachments=big))

    [error] = response.context["form"].errors["attachments"]
    assert "“营业执照.pdf”" in error and "10.0" in error
    assert nothing_saved()


def test_more_than_five_files_are_refused(client):
    files = [licence_scan(f"第{n}页.pdf") for n in range(6)]

    response = client.post(reverse("members:apply"), application_data(attachments=files))

    assert response.context["form"].errors["attachments"] == [
        zh("An application may carry at most %(count)d files.") % {"count": 5}
    ]
    assert nothing_saved()


def test_the_secretariat_downloads_the_licence_and_no_one_else_can(client, submitted, secretariat, admin_a):
    attachment = submitted.attachments.get()
    url = reverse("members:application_attachment", args=[attachment.pk])

    response = client_for(secretariat).get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.pdf" in response["Content-Disposition"]
    assert client.get(url).status_code == 404, "not even the applicant"
    assert client_for(admin_a).get(url).status_code == 404
    detail = client.get(submitted.get_absolute_url())
    assert "营业执照.pdf" in part(detail, "application-files").text
    assert url not in detail.content.decode()


# --- the reference number, the receipt and the progress page -----------------------------------


def test_submitting_gives_a_reference_number_and_emails_a_receipt(submitted):
    assert re.fullmatch(r"SQ-\d{8}-\d{6}", submitted.reference)
    [receipt] = mail.outbox
    assert submitted.reference in receipt.subject
    assert set(receipt.to) == {"qian@applicant.example.cn", "contact@applicant.example.cn"}
    assert f"{reverse('members:application_progress')}?reference={submitted.reference}" in receipt.body
    with translation.override("zh-hans"):
        received = zh("The secretariat of the %(name)s has received your application to join.") % {
            "name": str(settings.CONSORTIUM_NAME)}
    assert received in receipt.body


def test_anyone_with_the_reference_and_the_email_follows_the_application_without_an_account(client, submitted):
    visitor = client_for(None)

    response = look_up(visitor, submitted.reference, "QIAN@applicant.example.cn")

    assert response.status_code == 200
    result = part(response, "progress-result")
    assert submitted.reference in result.text and "常州新申请智能科技有限公司" in result.text
    assert part(response, "application-status").text == zh("Pending review")
    assert zh("Submitted") in part(response, "application-steps").text


@pytest.mark.parametrize("contact", ["0519-80000000", "0519 8000 0000", "13800000000", "+86 138 0000 0000"])
def test_the_phone_number_works_as_well_however_it_is_written(client, submitted, contact):
    response = look_up(client_for(None), submitted.reference, contact)

    assert part(response, "application-status").text == zh("Pending review")


def test_the_reference_may_be_typed_loosely(client, submitted):
    loose = submitted.reference.lower().replace("-", "－")

    assert normalize_reference(loose) == submitted.reference
    response = look_up(client_for(None), f" {loose} ", "qian@applicant.example.cn")
    assert part(response, "application-status").text == zh("Pending review")


def test_a_wrong_contact_reveals_nothing(client, submitted):
    response = look_up(client_for(None), submitted.reference, "someone@else.example.cn")

    assert response.status_code == 200
    assert shows(response, zh("No application matches this reference number and e-mail address or phone number. "
                              "Please check both."))
    assert "常州新申请智能科技有限公司" not in response.content.decode()


def test_a_reference_in_the_wrong_shape_says_what_it_looks_like(client):
    response = look_up(client_for(None), "12345", "qian@applicant.example.cn")

    assert response.context["form"].errors["reference"] == [
        zh("A reference number looks like SQ-20261201-482193.")
    ]


def test_lookups_are_limited_per_address_so_references_cannot_be_guessed(client, submitted):
    cache.clear()
    visitor = client_for(None)
    for _n in range(10):
        look_up(visitor, "SQ-20260101-000000", "qian@applicant.example.cn", REMOTE_ADDR="203.0.113.9")

    response = look_up(visitor, submitted.reference, "qian@applicant.example.cn", REMOTE_ADDR="203.0.113.9")

    assert shows(response, zh("Too many lookups from your address; please try again in %(minutes)d minutes.")
                 % {"minutes": 15})
    assert "progress-result" not in response.content.decode()
    other = look_up(visitor, submitted.reference, "qian@applicant.example.cn", REMOTE_ADDR="203.0.113.10")
    assert part(other, "application-status").text == zh("Pending review")


def test_the_progress_page_costs_a_few_queries(client, submitted):
    visitor = client_for(None)
    look_up(visitor, submitted.reference, "qian@applicant.example.cn")
    with CaptureQueriesContext(connection) as captured:
        look_up(visitor, submitted.reference, "qian@applicant.example.cn")
    assert len(captured) <= 4


# --- the secretariat's decisions: confirmed, and sent back for changes --------------------------


def test_a_decision_is_confirmed_before_it_is_taken(submitted, secretariat):
    client = client_for(secretariat)

    response = client.post(submitted.get_absolute_url(), {"decision": "approve", "reason": ""})

    assert response.status_code == 200
    assert zh("Please confirm your decision on the application of %(name)s: %(decision_label)s.") % {
        "name": "常州新申请智能科技有限公司", "decision_label": zh("Approve")} in part(response, "confirm-decision").text
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.PENDING, "nothing is decided before the confirmation"

    decide(client, submitted, "approve")
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.APPROVED


def test_sending_back_needs_what_to_change(submitted, secretariat):
    response = client_for(secretariat).post(submitted.get_absolute_url(), {"decision": "return", "reason": " "})

    assert response.context["decision_form"].errors["reason"] == [zh("Please tell the applicant what to change.")]
    assert part(response, "error-summary").links == ["#id_reason"]


@pytest.fixture
def returned(submitted, secretariat):
    mail.outbox.clear()
    decide(client_for(secretariat), submitted, "return", "营业执照扫描件不清晰，请重新上传；补充合作计划。")
    send_steps(submitted)
    submitted.refresh_from_db()
    return submitted


def test_sending_back_tells_the_applicant_what_to_change_by_email(returned):
    assert returned.status == ApplicationStatus.RETURNED
    [message] = mail.outbox
    assert "营业执照扫描件不清晰" in message.body
    assert zh("Returned for changes") in message.subject
    assert returned.reference in message.body
    assert AuditEvent.objects.filter(action="event", event="application.returned").exists()


def test_the_applicant_corrects_and_resubmits_with_the_history_kept(client, returned):
    page = client.get(returned.get_absolute_url())
    assert page.context["correction_form"] is not None
    assert "营业执照扫描件不清晰" in part(page, "application-steps").text
    assert 'value="常州新申请智能科技有限公司"' in page.content.decode(), "the form holds what was sent"

    form = page.context["correction_form"]
    data = {name: form[name].value() or "" for name in form.fields if name != "attachments"}
    data.update(address="常州市新北区太湖东路9号", statement="已补充：共建机器人订单班，每年接收20名实习生。",
                attachments=licence_scan("营业执照（清晰）.pdf"))
    mail.outbox.clear()
    response = client.post(returned.get_absolute_url(), data)
    send_steps(returned)

    assert response.status_code == 302, response.context["correction_form"].errors
    returned.refresh_from_db()
    assert returned.status == ApplicationStatus.PENDING
    assert returned.organization.address == "常州市新北区太湖东路9号"
    assert [e.kind for e in returned.events.all()] == [
        ApplicationEventKind.SUBMITTED, ApplicationEventKind.RETURNED, ApplicationEventKind.RESUBMITTED]
    changes = {label: (before, after) for label, before, after in returned.events.last().readable_changes()}
    assert changes[zh("address")] == ("常州市新北区测试路1号", "常州市新北区太湖东路9号")
    assert changes[zh("files added")][1] == "营业执照（清晰）.pdf"
    assert returned.attachments.count() == 2
    assert len(mail.outbox) == 1 and returned.reference in mail.outbox[0].subject
    page = client.get(returned.get_absolute_url())
    assert zh("Corrected and submitted again") in part(page, "application-steps").text


def test_a_correction_with_an_error_keeps_the_application_returned(client, returned):
    response = client.post(returned.get_absolute_url(), {"statement": "改", "kind": "enterprise"})

    assert response.status_code == 200
    assert "name_zh" in response.context["correction_form"].errors
    returned.refresh_from_db()
    assert returned.status == ApplicationStatus.RETURNED


def test_a_returned_application_waits_for_the_applicant_not_for_a_decision(returned, secretariat):
    with pytest.raises(ValidationError):
        services.application_approve(application=returned, actor=secretariat)
    page = client_for(secretariat).get(returned.get_absolute_url())
    assert page.context["decision_form"] is None


def test_only_the_applicant_corrects(returned, secretariat):
    with pytest.raises(PermissionDenied):
        services.application_correct(application=returned, actor=secretariat, organization_fields={},
                                     statement="x")


# --- the secretariat's list -------------------------------------------------------------------


def test_the_secretariat_finds_an_application_by_its_reference(submitted, secretariat):
    response = client_for(secretariat).get(reverse("members:application_list"), {"q": submitted.reference.lower()})

    assert submitted.reference in part(response, "application-table").text
    other = client_for(secretariat).get(reverse("members:application_list"), {"q": "SQ-19990101-000000"})
    assert "常州新申请智能科技有限公司" not in part(other, "application-table").text


def test_the_application_page_in_english(client, submitted):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(submitted.get_absolute_url())

    assert en("The secretariat is reviewing the application. Its answer reaches the applicant by e-mail.") in (
        part(page, "next-step").text)
    assert "Reference number" in page.content.decode() or "reference number" in page.content.decode()
