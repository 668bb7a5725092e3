"""The postings pages as their people use them: an enterprise's HR writes, publishes and closes;
students browse and filter; enterprise B sees nothing of A's drafts. In both languages where it
matters; every list's queries counted."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from members.models import Membership, Role
from members.tests.factories import OrganizationFactory, person
from talent_matching.models import Posting, PostingKind, PostingStatus
from talent_matching.tests.postings_support import posting, skill
from tests.fixtures import client_for
from tests.pages import messages_on, part, queries_for, zh

pytestmark = pytest.mark.django_db


def form_data(**changes):
    """What the posting form sends: the posting, two skill rows and one certificate row."""
    data = {
        "kind": "job", "title": "数控加工工艺员", "description": "负责数控加工工艺编制与首件调试。", "occupation": "",
        "majors": "460103，机电一体化技术", "min_level": "2", "headcount": "3", "location": "320411",
        "salary_min": "6000", "salary_max": "8000", "starts_on": "", "ends_on": "",
        "deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "skills-TOTAL_FORMS": "2", "skills-INITIAL_FORMS": "0", "skills-MIN_NUM_FORMS": "0", "skills-MAX_NUM_FORMS": "30",
        "skills-0-skill": "S-103", "skills-0-level": "3", "skills-0-weight": "5", "skills-0-required": "on",
        "skills-1-skill": "PLC 编程与调试", "skills-1-level": "1", "skills-1-weight": "3",
        "certificates-TOTAL_FORMS": "1", "certificates-INITIAL_FORMS": "0", "certificates-MIN_NUM_FORMS": "0",
        "certificates-MAX_NUM_FORMS": "10",
        "certificates-0-name": "数控车铣加工职业技能等级证书", "certificates-0-level": "中级",
    }
    data.update(changes)
    return data


@pytest.fixture
def skills(db):
    return [skill("S-103"), skill("S-201"), skill("S-401")]


def test_the_menu_and_the_home_page_lead_each_role_to_the_platform(member_a, student, org_a):
    posting(org_a, status=PostingStatus.DRAFT)
    home = client_for(member_a).get("/")
    assert reverse("talent:home") in home.content.decode()
    assert reverse("talent:posting_manage") in home.content.decode()
    entry = client_for(member_a).get(reverse("talent:home"))
    assert reverse("talent:posting_create") in part(entry, "talent-home").links
    student_home = client_for(student).get("/")
    assert reverse("talent:posting_list") in student_home.content.decode()
    assert reverse("talent:posting_manage") not in client_for(student).get(reverse("talent:home")).content.decode()


def test_hr_writes_a_posting_with_its_rows_in_one_form(member_a, org_a, skills):
    client = client_for(member_a)
    page = client.get(reverse("talent:posting_create"))
    assert 'value="S-103 ' in page.content.decode()  # skills offered as one types
    response = client.post(reverse("talent:posting_create"), form_data())
    made = Posting.objects.get()
    assert response.status_code == 302 and response.url == reverse("talent:posting_detail", args=[made.pk])
    assert made.organization == org_a and made.status == PostingStatus.DRAFT and made.created_by == member_a
    assert sorted(made.skills.values_list("skill__code", "level", "required")) == [("S-103", 3, True), ("S-201", 1, False)]
    assert sorted(made.majors.values_list("code", flat=True)) == ["460103", "460301"]
    assert made.certificates.get().name == "数控车铣加工职业技能等级证书"
    assert made.location.code == "320411"


def test_one_bad_row_saves_nothing_and_the_summary_leads_to_that_row_s_field(member_a, skills):
    client = client_for(member_a)
    response = client.post(reverse("talent:posting_create"), form_data(**{"skills-1-skill": "S-999 不存在的技能"}))
    assert response.status_code == 200 and not Posting.objects.exists()
    summary = part(response, "error-summary")
    assert "#id_skills-1-skill" in summary.links
    assert "S-999" in summary.text
    # What was typed is kept, so the rest of the form need not be typed again.
    assert 'value="S-999 不存在的技能"' in response.content.decode()


def test_a_skill_listed_twice_is_named_on_its_second_row(member_a, skills):
    response = client_for(member_a).post(reverse("talent:posting_create"), form_data(**{"skills-1-skill": "S-103"}))
    assert response.status_code == 200 and not Posting.objects.exists()
    assert "#id_skills-1-skill" in part(response, "error-summary").links


def test_an_unknown_major_or_district_is_refused_with_what_to_type(member_a, skills):
    response = client_for(member_a).post(reverse("talent:posting_create"),
                                         form_data(majors="460103, 999999", location="火星"))
    summary = part(response, "error-summary")
    assert "#id_majors" in summary.links and "999999" in summary.text
    assert "#id_location" in summary.links
    assert not Posting.objects.exists()


def test_an_upside_down_pay_range_is_shown_on_its_field(member_a, skills):
    response = client_for(member_a).post(reverse("talent:posting_create"), form_data(salary_min="9000", salary_max="5000"))
    assert "#id_salary_max" in part(response, "error-summary").links
    assert not Posting.objects.exists()


def test_publishing_says_what_is_missing_then_publishes(member_a, org_a):
    draft = posting(org_a, status=PostingStatus.DRAFT, skills=(), deadline_days=None)
    client = client_for(member_a)
    url = reverse("talent:posting_publish", args=[draft.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    problems = part(page, "problems").text
    assert zh("List at least one skill the posting asks for.") in problems
    assert zh("Give an application deadline.") in problems
    client.post(url)
    draft.refresh_from_db()
    assert draft.status == PostingStatus.DRAFT
    draft.deadline = timezone.localdate() + timedelta(days=10)
    draft.save()
    skill_row = posting(org_a, title="另一个").skills.first()
    skill_row.pk, skill_row.posting = None, draft
    skill_row.save()
    response = client.post(url, follow=True)
    draft.refresh_from_db()
    assert draft.status == PostingStatus.PUBLISHED
    assert messages_on(response) == [zh("The posting is published: students and schools find it now.")]


def test_closing_and_copying_from_the_posting_s_page(member_a, org_a):
    published = posting(org_a)
    client = client_for(member_a)
    assert reverse("talent:posting_close", args=[published.pk]) in part(
        client.get(reverse("talent:posting_detail", args=[published.pk])), "posting-actions").links
    client.post(reverse("talent:posting_close", args=[published.pk]))
    published.refresh_from_db()
    assert published.status == PostingStatus.CLOSED
    # A closed posting's form sends its people back: it is copied, not changed.
    assert client.get(reverse("talent:posting_edit", args=[published.pk])).status_code == 302
    response = client.post(reverse("talent:posting_copy", args=[published.pk]))
    copy = Posting.objects.exclude(pk=published.pk).get()
    assert response.url == reverse("talent:posting_edit", args=[copy.pk]) and copy.status == PostingStatus.DRAFT


def test_enterprise_b_never_sees_nor_edits_enterprise_a_s_drafts(org_a, outsider, admin_b, member_a):
    draft = posting(org_a, status=PostingStatus.DRAFT, title="甲的草稿")
    published = posting(org_a, title="甲的岗位")
    for someone in (outsider, admin_b):
        client = client_for(someone)
        for name in ("posting_detail", "posting_edit", "posting_publish", "posting_copy"):
            assert client.get(reverse(f"talent:{name}", args=[draft.pk])).status_code == 404
        assert client.post(reverse("talent:posting_publish", args=[draft.pk])).status_code == 404
        # A's published posting is there to read, not to change.
        assert client.get(reverse("talent:posting_detail", args=[published.pk])).status_code == 200
        for name in ("posting_edit", "posting_close", "posting_copy"):
            assert client.get(reverse(f"talent:{name}", args=[published.pk])).status_code == 404
        assert client.post(reverse("talent:posting_close", args=[published.pk])).status_code == 404
        assert "甲的草稿" not in client.get(reverse("talent:posting_list")).content.decode()
        assert "甲的" not in client.get(reverse("talent:posting_manage")).content.decode()
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.status == PostingStatus.DRAFT and published.status == PostingStatus.PUBLISHED


def test_the_enterprise_s_list_counts_its_postings_by_state(member_a, org_a, org_b):
    posting(org_a, status=PostingStatus.DRAFT, title="草稿一")
    posting(org_a, status=PostingStatus.DRAFT, title="草稿二")
    posting(org_a, title="已发布")
    posting(org_a, status=PostingStatus.CLOSED, title="已关闭")
    posting(org_b, title="乙的岗位")
    client = client_for(member_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    counts = part(client.get(reverse("talent:posting_manage")), "state-counts").text
    assert counts == "All 4 Draft 2 Published 1 Closed 1"
    drafts = part(client.get(reverse("talent:posting_manage"), {"status": "draft"}), "posting-table").text
    assert "草稿一" in drafts and "已发布" not in drafts and "乙的岗位" not in drafts


def test_students_browse_only_published_postings_of_active_members(student, org_a, org_b):
    posting(org_a, title="已发布岗位")
    posting(org_a, status=PostingStatus.DRAFT, title="草稿岗位")
    posting(org_a, status=PostingStatus.CLOSED, title="关闭岗位")
    suspended = OrganizationFactory(status="suspended")
    posting(suspended, title="暂停单位的岗位")
    listing = part(client_for(student).get(reverse("talent:posting_list")), "postings").text
    assert "已发布岗位" in listing
    assert "草稿岗位" not in listing and "关闭岗位" not in listing and "暂停单位的岗位" not in listing


@pytest.mark.parametrize("query,found", [
    ({"q": "甲企业"}, {"数控工艺员", "前端实习生"}),
    ({"q": "Vue"}, {"前端实习生"}),
    ({"kind": "internship"}, {"前端实习生"}),
    ({"family": "51"}, {"前端实习生", "任何专业"}),
    ({"city": "320400"}, {"数控工艺员", "前端实习生"}),
    ({"level": "1"}, {"任何专业"}),
    ({"pay": "7000"}, {"数控工艺员", "已过截止日"}),
    ({"open": "on"}, {"数控工艺员", "前端实习生", "任何专业"}),
])
def test_browsing_searches_and_filters(student, org_a, org_b, query, found):
    posting(org_a, title="数控工艺员", majors=["460103"], min_level=2, salary=(6000, 8000))
    posting(org_a, title="前端实习生", kind=PostingKind.INTERNSHIP, majors=["510203"], min_level=2, salary=(3000, 4000),
            description="使用 Vue 开发页面。")
    posting(org_b, title="任何专业", salary=(4000, None), location="320102")  # 南京 is not in 常州
    posting(org_b, title="已过截止日", deadline_days=-3, majors=["4601"], min_level=3, location="110101")
    response = client_for(student).get(reverse("talent:posting_list"), query)
    text = part(response, "postings").text
    shown = {title for title in ("数控工艺员", "前端实习生", "任何专业", "已过截止日") if title in text}
    assert shown == found


def test_a_bad_filter_is_named_and_the_list_is_left_whole(student, org_a):
    posting(org_a, title="数控工艺员")
    response = client_for(student).get(reverse("talent:posting_list"), {"pay": "很多"})
    assert response.status_code == 200 and "数控工艺员" in part(response, "postings").text


def test_an_empty_list_says_what_to_do(student, member_a):
    assert zh("No posting is published yet. Enterprises' postings appear here as soon as they publish them.") in part(
        client_for(student).get(reverse("talent:posting_list")), "empty").text
    client = client_for(member_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "You have no postings yet" in part(client.get(reverse("talent:posting_manage")), "empty").text


def test_the_secretariat_reads_every_posting_but_writes_none(secretariat, org_a):
    draft = posting(org_a, status=PostingStatus.DRAFT)
    client = client_for(secretariat)
    assert client.get(reverse("talent:posting_detail", args=[draft.pk])).status_code == 200
    assert client.get(reverse("talent:posting_edit", args=[draft.pk])).status_code == 404
    assert client.get(reverse("talent:posting_manage")).status_code == 404


def test_the_lists_cost_the_same_queries_however_many_postings(student, member_a, org_a, org_b):
    for n in range(2):
        posting(org_a, title=f"岗位{n}", majors=["460103"], skills=("S-103", "S-201"))
    few = {url: queries_for(client, url) for client, url in (
        (client_for(student), reverse("talent:posting_list")),
        (client_for(member_a), reverse("talent:posting_manage")),
    )}
    for n in range(2, 12):
        posting(org_a if n % 2 else org_b, title=f"岗位{n}", majors=["460103"], skills=("S-103", "S-201"),
                status=PostingStatus.DRAFT if n % 3 == 0 else PostingStatus.PUBLISHED)
    assert queries_for(client_for(student), reverse("talent:posting_list")) == few[reverse("talent:posting_list")] <= 12
    assert queries_for(client_for(member_a), reverse("talent:posting_manage")) == few[
        reverse("talent:posting_manage")] <= 12


def test_a_teacher_and_an_officer_browse_too(teacher, officer, org_a):
    posting(org_a, title="数控工艺员")
    for someone in (teacher, officer):
        assert "数控工艺员" in part(client_for(someone).get(reverse("talent:posting_list")), "postings").text


def test_both_languages(member_a, org_a):
    published = posting(org_a)
    client = client_for(member_a)
    for language, word in (("zh-hans", zh("Skills asked for")), ("en", "Skills asked for")):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        assert word in client.get(reverse("talent:posting_detail", args=[published.pk])).content.decode()


def test_people_of_an_enterprise_with_another_role_do_not_write_postings(org_a):
    engineer = person(org_a, Role.ENGINEER)
    assert client_for(engineer).get(reverse("talent:posting_create")).status_code == 404


def test_the_console_shows_a_posting_with_its_skills_and_certificates_read_only(secretariat, org_a):
    published = posting(org_a, skills=("S-103", "S-201"))
    published.certificates.create(name="数控车铣加工职业技能等级证书", level="中级")
    client = client_for(secretariat)
    assert "数控加工工艺员" in client.get(reverse("admin:talent_matching_posting_changelist")).content.decode()
    page = client.get(reverse("admin:talent_matching_posting_change", args=[published.pk])).content.decode()
    assert "S-201" in page and "数控车铣加工职业技能等级证书" in page
    assert client.get(reverse("admin:talent_matching_posting_add")).status_code == 403


def test_editing_keeps_the_rows_left_as_they_were_and_removes_the_ones_ticked(member_a, org_a):
    published = posting(org_a, majors=["460103"], skills=("S-103", "S-201"))
    kept, removed = published.skills.order_by("skill__code")
    client = client_for(member_a)
    form = client.get(reverse("talent:posting_edit", args=[published.pk]))
    assert 'value="460103 ' in form.content.decode()  # the majors as they are
    data = form_data(**{
        "title": "数控加工工艺员（急招）", "majors": "460103",
        "skills-TOTAL_FORMS": "3", "skills-INITIAL_FORMS": "2",
        "skills-0-id": str(kept.pk), "skills-0-posting": str(published.pk), "skills-0-skill": "S-103",
        "skills-0-level": str(kept.level), "skills-0-weight": str(kept.weight), "skills-0-required": "on",
        "skills-1-id": str(removed.pk), "skills-1-posting": str(published.pk), "skills-1-skill": "S-201",
        "skills-1-level": str(removed.level), "skills-1-weight": str(removed.weight), "skills-1-required": "on",
        "skills-1-DELETE": "on",
        "skills-2-skill": "", "skills-2-level": "1", "skills-2-weight": "3",
        "certificates-TOTAL_FORMS": "1", "certificates-0-name": "", "certificates-0-level": "",
    })
    response = client.post(reverse("talent:posting_edit", args=[published.pk]), data)
    assert response.status_code == 302, part(response, "error-summary").text
    published.refresh_from_db()
    assert published.title == "数控加工工艺员（急招）" and published.status == PostingStatus.PUBLISHED
    assert list(published.skills.values_list("pk", flat=True)) == [kept.pk]
    assert not published.certificates.exists()


def test_someone_writing_for_two_enterprises_chooses_which(org_a, org_b, skills):
    both = person(org_a, Role.HR, username="hr_both")
    Membership.objects.create(user=both, organization=org_b, role=Role.HR)
    client = client_for(both)
    response = client.post(reverse("talent:posting_create"), form_data())
    assert "#id_organization" in part(response, "error-summary").links and not Posting.objects.exists()
    client.post(reverse("talent:posting_create"), form_data(organization=str(org_b.pk)))
    assert Posting.objects.get().organization == org_b
    table = part(client.get(reverse("talent:posting_manage")), "posting-table").text
    assert org_b.name_zh in table  # the enterprise has its own column
