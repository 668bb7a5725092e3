"""通知公告: the secretariat writes announcements with their files, publishes and withdraws
them; everyone reads the published ones, on the home page, the list and through the API."""

import io
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consortium import services
from consortium.demo import application_form
from consortium.models import Announcement, AnnouncementAttachment, AnnouncementStatus
from core.models import AuditEvent
from tests.fixtures import client_for
from tests.pages import messages_on, part, queries_for, zh

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def draft(title="关于开展年度申报工作的通知", body="各成员单位：\n\n请您按时报送材料。", **fields) -> Announcement:
    return Announcement.objects.create(title=title, body=body, **fields)


def published(title="理事会会议纪要公示", *, days_ago=0, **fields) -> Announcement:
    return draft(title=title, status=AnnouncementStatus.PUBLISHED,
                 published_at=timezone.now() - timedelta(days=days_ago), **fields)


def attach(announcement, name="申报表.pdf", content=PDF) -> AnnouncementAttachment:
    attachment = AnnouncementAttachment(announcement=announcement, original_name=name,
                                        content_type="application/pdf", size=len(content))
    attachment.file.save(name, io.BytesIO(content), save=True)
    return attachment


def stored_files() -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "announcements"
    return sorted(folder.iterdir()) if folder.exists() else []


def visitor_sees(url) -> int:
    return client_for().get(url).status_code


# --- writing and publishing: the secretariat's alone --------------------------------------------


def test_the_secretariat_writes_a_draft_that_nobody_else_sees(secretariat, member_a):
    client = client_for(secretariat)

    response = client.post(reverse("announcements:create"),
                           {"title": "关于征集企业岗位需求的通知", "body": "请您填报岗位需求。"}, follow=True)

    announcement = Announcement.objects.get()
    assert announcement.status == AnnouncementStatus.DRAFT and announcement.created_by == secretariat
    assert response.redirect_chain[-1][0] == reverse("announcements:edit", args=[announcement.pk])
    assert zh("The draft was saved. Add its attachments, if any, then publish it.") in messages_on(response)
    assert visitor_sees(announcement.get_absolute_url()) == 404
    assert client_for(member_a).get(announcement.get_absolute_url()).status_code == 404
    assert "关于征集企业岗位需求的通知" not in client_for().get(reverse("announcements:list")).content.decode()
    assert client.get(announcement.get_absolute_url()).status_code == 200, "the secretariat previews its draft"


def test_publishing_asks_first_and_then_shows_the_announcement_to_everyone(secretariat):
    announcement = draft()
    client = client_for(secretariat)

    question = client.get(reverse("announcements:publish", args=[announcement.pk]))
    assert part(question, "confirm-form").text == f'{zh("Publish now")} {zh("Cancel")}'
    announcement.refresh_from_db()
    assert announcement.status == AnnouncementStatus.DRAFT, "opening the question publishes nothing"

    response = client.post(reverse("announcements:publish", args=[announcement.pk]), follow=True)

    announcement.refresh_from_db()
    assert announcement.is_published and announcement.published_at is not None
    assert response.redirect_chain[-1][0] == announcement.get_absolute_url()
    page = client_for().get(announcement.get_absolute_url())
    assert page.status_code == 200
    assert timezone.localdate().isoformat() in part(page, "announcement-meta").text


def test_publishing_and_withdrawing_are_recorded_in_the_audit_trail(secretariat):
    announcement = draft()

    services.announcement_publish(announcement=announcement, actor=secretariat)
    services.announcement_publish(announcement=announcement, actor=secretariat)  # nothing more to do
    services.announcement_withdraw(announcement=announcement, actor=secretariat)

    events = list(AuditEvent.objects.filter(action="event").order_by("id").values_list("event", "actor", "object_id"))
    assert events == [("announcement.published", secretariat.pk, str(announcement.pk)),
                      ("announcement.withdrawn", secretariat.pk, str(announcement.pk))]
    trail = client_for(secretariat).get(reverse("audit_list")).content.decode()
    assert zh("Announcement published") in trail and zh("Announcement withdrawn") in trail


def test_withdrawing_takes_it_off_the_public_pages_and_keeps_it_as_a_draft(secretariat):
    announcement = published()
    client = client_for(secretariat)

    client.post(reverse("announcements:withdraw", args=[announcement.pk]))

    announcement.refresh_from_db()
    assert announcement.status == AnnouncementStatus.DRAFT and announcement.was_withdrawn
    assert visitor_sees(announcement.get_absolute_url()) == 404
    assert zh("Withdrawn") in part(client.get(reverse("announcements:manage")), "announcement-table").text


@pytest.mark.parametrize("persona", ["admin_a", "member_a", "student", "officer"])
def test_no_one_but_the_secretariat_writes_publishes_or_withdraws(persona, request):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    public, hidden = published(), draft(title="未发布的草稿")

    assert client.get(reverse("announcements:manage")).status_code == 403
    assert client.post(reverse("announcements:create"), {"title": "冒名通知", "body": "……"}).status_code == 403
    assert client.post(reverse("announcements:withdraw", args=[public.pk])).status_code == 403
    assert client.post(reverse("announcements:edit", args=[public.pk]), {"title": "改", "body": "改"}).status_code == 403
    assert client.post(reverse("announcements:publish", args=[hidden.pk])).status_code == 404
    assert client.post(reverse("announcements:delete", args=[hidden.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.announcement_publish(announcement=hidden, actor=user)
    public.refresh_from_db(), hidden.refresh_from_db()
    assert public.is_published and public.title == "理事会会议纪要公示" and not hidden.is_published
    assert Announcement.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_publishing_and_withdrawing_show_on_the_visitors_pages_at_once(secretariat):
    announcement = draft(title="新发布的通知")
    pages = [reverse("home"), reverse("announcements:list")]
    for url in pages:
        client_for().get(url)
        with CaptureQueriesContext(connection) as captured:
            assert "新发布的通知" not in client_for().get(url).content.decode()
        assert len(captured) == 0, f"{url} is served to visitors from the cache"

    services.announcement_publish(announcement=announcement, actor=secretariat)

    for url in pages:
        assert "新发布的通知" in client_for().get(url).content.decode(), url
    services.announcement_update(announcement=announcement, actor=secretariat, title="更正后的通知",
                                 body=announcement.body, pinned=False)
    assert "更正后的通知" in client_for().get(reverse("home")).content.decode()
    assert visitor_sees(announcement.get_absolute_url()) == 200

    services.announcement_withdraw(announcement=announcement, actor=secretariat)

    for url in pages:
        assert "更正后的通知" not in client_for().get(url).content.decode(), url
    assert visitor_sees(announcement.get_absolute_url()) == 404


def test_a_visitor_is_sent_to_sign_in_for_the_secretariats_pages(db):
    response = client_for().get(reverse("announcements:manage"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_published_announcement_is_withdrawn_before_it_can_be_deleted(secretariat):
    announcement = published()
    client = client_for(secretariat)

    response = client.post(reverse("announcements:delete", args=[announcement.pk]), follow=True)

    assert Announcement.objects.filter(pk=announcement.pk).exists()
    assert zh("“%(title)s” is published; withdraw it before deleting it.") % {"title": announcement.title} \
        in messages_on(response)


def test_deleting_a_draft_asks_first_and_removes_its_files(secretariat, django_capture_on_commit_callbacks):
    announcement = draft()
    attach(announcement)
    client = client_for(secretariat)

    question = client.get(reverse("announcements:delete", args=[announcement.pk]))
    assert zh("Delete the draft") in part(question, "confirm-form").text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("announcements:delete", args=[announcement.pk]))

    assert not Announcement.objects.exists() and not AnnouncementAttachment.objects.exists()
    assert stored_files() == []


def test_the_title_and_text_have_limits_named_on_their_fields(secretariat):
    response = client_for(secretariat).post(reverse("announcements:create"), {"title": "长" * 101, "body": "x" * 10_001})

    assert response.status_code == 200 and not Announcement.objects.exists()
    errors = response.context["form"].errors
    assert "title" in errors and "body" in errors


# --- what the public reads -----------------------------------------------------------------------


def test_the_text_is_shown_as_plain_text_in_paragraphs_never_as_html(db):
    announcement = published(body='第一段<script>alert("x")</script>\n\n第二段\n第二行')

    body = part(client_for().get(announcement.get_absolute_url()), "announcement-body")
    html = client_for().get(announcement.get_absolute_url()).content.decode()

    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<p>第二段<br>第二行</p>" in html
    assert "第一段" in body.text


def test_the_list_shows_pinned_first_then_the_newest_each_with_its_date(db):
    published("较早的通知", days_ago=30)
    published("置顶的通知", days_ago=60, pinned=True)
    published("最新的通知", days_ago=1)
    draft(title="草稿不公开")

    listing = part(client_for().get(reverse("announcements:list")), "announcement-list").text

    assert re.search("置顶的通知.*最新的通知.*较早的通知", listing)
    assert "草稿不公开" not in listing
    assert (timezone.localdate() - timedelta(days=1)).isoformat() in listing


def test_the_list_searches_titles_and_texts(db):
    published("理事会第二次全体会议纪要公示", body="会议审议通过了年度工作计划。")
    published("校企合作项目申报指南", body="支持岗课赛证融通课程共建。")

    by_title = client_for().get(reverse("announcements:list"), {"q": "理事会"})
    by_text = client_for().get(reverse("announcements:list"), {"q": "岗课赛证"})

    assert "理事会第二次" in part(by_title, "announcement-list").text
    assert "校企合作" not in part(by_title, "announcement-list").text
    assert "校企合作项目申报指南" in part(by_text, "announcement-list").text


def test_the_list_says_so_when_nothing_is_published_or_nothing_matches(db):
    assert zh("No announcements have been published yet.") in part(
        client_for().get(reverse("announcements:list")), "announcement-list").text
    published()
    assert zh("No announcement matches your search.") in part(
        client_for().get(reverse("announcements:list"), {"q": "不存在的词"}), "announcement-list").text


def test_the_list_is_paged(db):
    for n in range(25):
        published(f"第{n}号通知", days_ago=n)

    second = client_for().get(reverse("announcements:list"), {"page": 2})

    assert "第24号通知" in part(second, "announcement-list").text
    assert "第0号通知" not in part(second, "announcement-list").text


def test_the_detail_lists_each_attachment_with_its_name_size_and_kind(db):
    announcement = published()
    attachment = attach(announcement, "2026年度申报汇总表.pdf")

    files = part(client_for().get(announcement.get_absolute_url()), "announcement-attachments")

    assert "2026年度申报汇总表.pdf" in files.text and "PDF" in files.text
    assert re.search(r"\d+\s*(字节|bytes)", files.text)
    assert files.links == [attachment.get_absolute_url()]


def test_the_home_page_lists_the_latest_five_with_dates_and_a_link_to_all(db):
    for n in range(6):
        published(f"第{n}号通知", days_ago=n)

    home = part(client_for().get(reverse("home")), "home-announcements")

    assert "第0号通知" in home.text and "第4号通知" in home.text and "第5号通知" not in home.text
    assert timezone.localdate().isoformat() in home.text
    assert reverse("announcements:list") in home.links


def test_signed_in_people_see_the_announcements_on_their_home_page_too(member_a):
    published("理事会会议纪要公示")

    assert "理事会会议纪要公示" in part(client_for(member_a).get(reverse("home")), "home-announcements").text


def test_everyone_finds_the_announcements_in_the_menu(member_a):
    for user in (None, member_a):
        assert reverse("announcements:list") in part(client_for(user).get(reverse("home")), "nav").links


def test_the_pages_speak_chinese_by_default_and_english_when_chosen(db):
    published()
    chinese = client_for().get(reverse("announcements:list")).content.decode()
    english_client = client_for()
    english_client.cookies["django_language"] = "en"
    english = english_client.get(reverse("announcements:list")).content.decode()

    assert "<h1 class=\"h3\">通知公告</h1>" in chinese
    assert "<h1 class=\"h3\">Announcements</h1>" in english
    assert "1 announcement" in english


# --- attachments ------------------------------------------------------------------------------


def post_files(client, announcement, *files):
    return client.post(reverse("announcements:attachment_add", args=[announcement.pk]), {"files": list(files)})


def file_errors(response) -> list[str]:
    return list(response.context["attachment_form"].errors["files"])


def test_the_secretariat_attaches_several_files_at_once(secretariat):
    announcement = draft()

    response = post_files(client_for(secretariat), announcement, upload("会议纪要.pdf", PDF),
                          upload("申报汇总表.xlsx", application_form()), upload("合作协议.docx", docx()),
                          upload("现场照片.PNG", PNG))

    assert response.status_code == 302
    saved = {a.original_name: a.content_type for a in announcement.attachments.all()}
    assert saved == {
        "会议纪要.pdf": "application/pdf",
        "申报汇总表.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "合作协议.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "现场照片.PNG": "image/png",
    }
    assert len(stored_files()) == 4
    assert all(not re.search(r"[\u4e00-\u9fff]", path.name) for path in stored_files()), "stored under random names"


WRONG_KIND = "“%(name)s” is not a kind of file accepted here. Attach %(types)s."
NOT_WHAT_IT_SAYS = ("“%(name)s” is not the %(kind)s file its name says it is: its content is of another kind, or it "
                    "is damaged.")


@pytest.mark.parametrize("name,content,message,kind", [
    ("setup.exe", b"MZ\x90\x00", WRONG_KIND, None),
    ("通知.html", b"<html></html>", WRONG_KIND, None),
    ("伪装的文件.pdf", PNG, NOT_WHAT_IT_SAYS, "PDF"),
    ("报表.xlsx", docx(), NOT_WHAT_IT_SAYS, "Excel"),
    ("照片.jpg", PDF, NOT_WHAT_IT_SAYS, "JPG"),
    ("合同.docx", b"PK\x03\x04 not really a package", NOT_WHAT_IT_SAYS, "Word"),
    ("空白.pdf", b"", "“%(name)s” is empty.", None),
], ids=["program", "web page", "image named pdf", "word named xlsx", "pdf named jpg", "broken docx", "empty"])
def test_a_file_of_the_wrong_kind_is_refused_naming_it_and_nothing_is_saved(name, content, message, kind, secretariat):
    announcement = draft()

    # A good file beside the bad one is not kept either: all or nothing. The browser's
    # content type (application/pdf for every one here) counts for nothing.
    response = post_files(client_for(secretariat), announcement, upload("会议纪要.pdf", PDF),
                          upload(name, content, "application/pdf"))

    assert response.status_code == 200
    params = {"kind": kind} if kind else {"types": "PDF, Word (DOC, DOCX), Excel (XLS, XLSX), JPG, PNG"}
    assert file_errors(response) == [zh(message, name=name, **params)]
    assert not AnnouncementAttachment.objects.exists() and stored_files() == []


def test_a_file_over_ten_megabytes_is_refused_naming_it(secretariat):
    announcement = draft()

    response = post_files(client_for(secretariat), announcement,
                          upload("扫描件.pdf", PDF + b"0" * (10 * 1024 * 1024)))

    [error] = file_errors(response)
    assert "“扫描件.pdf”" in error and "10.0" in error
    assert not AnnouncementAttachment.objects.exists() and stored_files() == []


def test_an_announcement_takes_at_most_ten_files(secretariat):
    announcement = draft()
    for n in range(9):
        attach(announcement, f"附件{n}.pdf")

    response = post_files(client_for(secretariat), announcement, upload("第十个.pdf", PDF), upload("第十一个.pdf", PDF))

    assert response.status_code == 200 and announcement.attachments.count() == 9
    assert "10" in " ".join(file_errors(response))
    assert post_files(client_for(secretariat), announcement, upload("第十个.pdf", PDF)).status_code == 302
    assert announcement.attachments.count() == 10


def test_the_refusal_is_shown_on_the_page_in_chinese(secretariat):
    response = post_files(client_for(secretariat), draft(), upload("setup.exe", b"MZ"))

    shown = part(response, "attachment-form").text
    assert "“setup.exe”" in shown and "PDF" in shown
    assert re.search(r"[\u4e00-\u9fff]", shown.split("“setup.exe”")[1])


def test_removing_a_file_is_a_posted_button_and_deletes_it(secretariat, django_capture_on_commit_callbacks):
    announcement = draft()
    attachment = attach(announcement)
    client = client_for(secretariat)

    edit = client.get(reverse("announcements:edit", args=[announcement.pk])).content.decode()
    assert f'action="{reverse("announcements:attachment_remove", args=[attachment.pk])}"' in edit
    assert client.get(reverse("announcements:attachment_remove", args=[attachment.pk])).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("announcements:attachment_remove", args=[attachment.pk]))

    assert not announcement.attachments.exists() and stored_files() == []


# --- downloads ----------------------------------------------------------------------------------


def test_a_download_carries_its_chinese_name_its_type_and_no_sniffing(db):
    attachment = attach(published(), "2026年度申报汇总表.pdf")

    response = client_for().get(attachment.get_absolute_url())

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="attachment-{attachment.pk}.pdf"' in disposition
    assert "filename*=UTF-8''2026%E5%B9%B4%E5%BA%A6%E7%94%B3%E6%8A%A5%E6%B1%87%E6%80%BB%E8%A1%A8.pdf" in disposition


def test_a_download_with_a_plain_name_keeps_it(db):
    attachment = attach(published(), 'minutes "final".pdf')

    response = client_for().get(attachment.get_absolute_url())

    assert response["Content-Disposition"] == 'attachment; filename="minutes \\"final\\".pdf"'


def test_a_drafts_files_are_the_secretariats_alone(secretariat, member_a):
    attachment = attach(draft())

    assert client_for().get(attachment.get_absolute_url()).status_code == 404
    assert client_for(member_a).get(attachment.get_absolute_url()).status_code == 404
    response = client_for(secretariat).get(attachment.get_absolute_url())
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_files_are_not_served_from_the_media_folder(db):
    attachment = attach(published())

    assert client_for().get(f"/media/{attachment.file.name}").status_code == 404


# --- the API -----------------------------------------------------------------------------------------


def test_the_api_lists_published_announcements_with_their_files(api_client, member_a):
    announcement = published("理事会会议纪要公示")
    attachment = attach(announcement, "纪要.pdf")
    hidden = draft(title="草稿")
    client = api_client(member_a)

    answer = client.get(reverse("announcement-list")).json()

    assert [item["title"] for item in answer["results"]] == ["理事会会议纪要公示"]
    [file] = answer["results"][0]["attachments"]
    assert file["name"] == "纪要.pdf" and file["url"].endswith(attachment.get_absolute_url())
    assert client.get(reverse("announcement-detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("announcement-list"), {"search": "纪要"}).json()["count"] == 1


def test_the_api_writes_nothing(api_client, secretariat):
    announcement = published()

    client = api_client(secretariat)

    assert client.post(reverse("announcement-list"), {"title": "新"}, format="json").status_code == 405
    assert client.delete(reverse("announcement-detail", args=[announcement.pk])).status_code == 405


# --- the admin console: seen, never changed ----------------------------------------------------------


def test_the_admin_console_shows_announcements_read_only(secretariat):
    announcement = published()
    client = client_for(secretariat)

    listing = client.get(reverse("admin:consortium_announcement_changelist"))

    assert listing.status_code == 200 and announcement.title in listing.content.decode()
    assert client.get(reverse("admin:consortium_announcement_add")).status_code == 403
    client.post(reverse("admin:consortium_announcement_change", args=[announcement.pk]), {"title": "改"})
    announcement.refresh_from_db()
    assert announcement.title == "理事会会议纪要公示"


# --- query counts ----------------------------------------------------------------------------------




def _publish_with_files(n):
    for _number in range(n):
        attach(published(days_ago=_number), "附件.pdf")


def test_the_list_pages_take_as_many_queries_for_many_announcements_as_for_few(secretariat):
    visitor, staff = client_for(), client_for(secretariat)
    _publish_with_files(3)
    draft()
    queries_for(staff, reverse("announcements:manage"))  # warm caches (content types, sessions)
    few = {url: queries_for(client, url) for client, url in (
        (visitor, reverse("announcements:list")), (visitor, reverse("home")), (staff, reverse("announcements:manage")),
    )}

    _publish_with_files(15)

    assert queries_for(visitor, reverse("announcements:list")) == few[reverse("announcements:list")] <= 2
    assert queries_for(visitor, reverse("home")) == few[reverse("home")] <= 1
    assert queries_for(staff, reverse("announcements:manage")) == few[reverse("announcements:manage")]


def test_an_announcement_with_many_files_takes_two_queries(db, django_assert_max_num_queries):
    announcement = published()
    for n in range(8):
        attach(announcement, f"附件{n}.pdf")
    cache.clear()

    with django_assert_max_num_queries(2):
        assert client_for().get(announcement.get_absolute_url()).status_code == 200
