"""Batch invitations (批量邀请): an organisation's administrator invites a list of people from a
CSV or XLSX file. The file is checked whole under the rules of a single invitation; a bad
line is named by its number and column and nothing is sent; a good file invites everyone,
and the e-mails go out after commit."""

import csv
import io

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from core.models import AuditEvent
from members import invitation_import, services
from members.models import Invitation, Role
from tests.fixtures import client_for
from tests.pages import messages_on, part, zh

pytestmark = pytest.mark.django_db

HEADER_ZH = ["姓名", "电子邮箱", "角色"]
HEADER_EN = ["Full name", "Email", "Role"]


def csv_file(rows, *, encoding="utf-8", name="名单.csv") -> SimpleUploadedFile:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode(encoding), content_type="text/csv")


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_file(rows, *, name="名单.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(rows), content_type=invitation_import.XLSX_TYPE)


def upload(user, organization, file, *, language=None, **kwargs):
    client = client_for(user)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.post(reverse("members:invitation_batch", args=[organization.pk]), {"file": file}, **kwargs)


def problems_on(response) -> list[str]:
    return list(response.context["problems"])


def file_error(response) -> str:
    return " ".join(response.context["form"].errors.get("file", []))


@pytest.fixture
def tasks_inline():
    """Celery tasks run in the process as they are queued, as the portal runs without a broker."""
    from consortium.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


# --- a good file invites everyone ------------------------------------------------------------


def test_admin_invites_everyone_in_a_utf8_csv_file_and_the_emails_go_out(
    admin_a, org_a, tasks_inline, django_capture_on_commit_callbacks
):
    file = csv_file([
        HEADER_ZH,
        ["王小明", "Wang.XM@Example.cn", "企业人事"],
        ["李华", "lihua@example.cn", "企业工程师"],
        ["", "", ""],
        ["赵敏", "zhaomin@example.cn", "工作人员"],
    ])

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_a, org_a, file, follow=True)

    assert response.redirect_chain[-1][0] == reverse("members:people", args=[org_a.pk])
    assert "已发送 3 份邀请。" in messages_on(response)
    invitations = {i.email: i for i in Invitation.objects.filter(organization=org_a)}
    assert {email: i.role for email, i in invitations.items()} == {
        "wang.xm@example.cn": Role.HR, "lihua@example.cn": Role.ENGINEER, "zhaomin@example.cn": Role.STAFF,
    }
    assert invitations["lihua@example.cn"].full_name == "李华"
    assert all(i.invited_by == admin_a for i in invitations.values())
    assert sorted(message.to[0] for message in mail.outbox) == sorted(invitations)
    assert invitations["lihua@example.cn"].get_accept_url() in next(
        message.body for message in mail.outbox if message.to == ["lihua@example.cn"]
    )
    assert "lihua@example.cn" in part(response, "invitations").text


def test_a_gbk_csv_file_saved_by_excel_in_china_is_read(admin_a, org_a):
    file = csv_file([HEADER_ZH, ["欧阳娜娜", "ouyang@example.cn", "企业人事"]], encoding="gbk")

    response = upload(admin_a, org_a, file)

    assert response.status_code == 302
    assert Invitation.objects.get(organization=org_a).full_name == "欧阳娜娜"


def test_a_gb18030_csv_file_with_rare_characters_is_read(admin_a, org_a):
    file = csv_file([HEADER_ZH, ["张㐀", "rare@example.cn", "staff"]], encoding="gb18030")

    assert upload(admin_a, org_a, file).status_code == 302
    assert Invitation.objects.get(organization=org_a).full_name == "张㐀"


def test_a_csv_file_with_a_byte_order_mark_is_read(admin_a, org_a):
    file = csv_file([HEADER_ZH, ["钱多多", "qian@example.cn", "企业工程师"]], encoding="utf-8-sig")

    assert upload(admin_a, org_a, file).status_code == 302
    assert Invitation.objects.get(organization=org_a).role == Role.ENGINEER


def test_an_xlsx_file_with_english_headers_and_roles_by_code_and_english_label(admin_a, org_a):
    file = xlsx_file([
        ["Notes", "Email", "Full name", "Role"],
        ["new hire", "hr.person@example.cn", "Zhou Jie", "hr"],
        [None, None, None, None],
        [None, "engineer@example.cn", "Sun Li", "Enterprise engineer"],
        ["", "admin2@example.cn", "Qian Yi", "ORG_ADMIN"],
    ])

    response = upload(admin_a, org_a, file)

    assert response.status_code == 302
    assert dict(Invitation.objects.filter(organization=org_a).values_list("email", "role")) == {
        "hr.person@example.cn": Role.HR, "engineer@example.cn": Role.ENGINEER, "admin2@example.cn": Role.ORG_ADMIN,
    }


def test_a_csv_file_with_semicolons_and_full_width_characters_is_read(admin_a, org_a):
    data = "电子邮箱；;姓名;角色\r\nfw＠example．cn;全角;企业人事\r\n".encode()
    file = SimpleUploadedFile("list.csv", data.replace("；".encode(), b""))

    assert upload(admin_a, org_a, file).status_code == 302
    assert Invitation.objects.get(organization=org_a).email == "fw@example.cn"


def test_the_secretariat_invites_from_a_file_into_a_school(secretariat, school):
    file = csv_file([HEADER_ZH, ["新老师", "teacher.new@example.cn", "教师"], ["新同学", "student.new@example.cn", "student"]])

    assert upload(secretariat, school, file).status_code == 302
    assert sorted(Invitation.objects.filter(organization=school).values_list("role", flat=True)) == [
        Role.STUDENT, Role.TEACHER,
    ]


def test_an_expired_invitation_to_a_listed_address_is_closed_to_make_room(admin_a, org_a):
    old = services.invitation_create(organization=org_a, actor=admin_a, email="again@example.cn", full_name="再来",
                                     role=Role.HR)
    Invitation.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timezone.timedelta(days=1))

    assert upload(admin_a, org_a, csv_file([HEADER_ZH, ["再来", "again@example.cn", "企业人事"]])).status_code == 302

    old.refresh_from_db()
    assert old.revoked_at is not None
    assert Invitation.objects.get(organization=org_a, revoked_at=None).email == "again@example.cn"


def test_one_audit_event_records_the_batch_beside_each_invitation(admin_a, org_a):
    file = csv_file([HEADER_ZH, ["甲", "a1@example.cn", "staff"], ["乙", "a2@example.cn", "staff"]], name="二月.csv")

    upload(admin_a, org_a, file)

    batch = AuditEvent.objects.get(event="invitation.batch_sent")
    assert batch.actor == admin_a and batch.organization_id == org_a.pk
    assert batch.changes == {"count": [None, 2], "file": [None, "二月.csv"]}
    created = AuditEvent.objects.filter(action="create", content_type__model="invitation", organization_id=org_a.pk)
    assert created.count() == 2


# --- a bad file invites no one, and says why, line by line ------------------------------------


def test_every_bad_line_is_named_by_line_and_column_and_nothing_is_created(
    admin_a, member_a, org_a, tasks_inline, django_capture_on_commit_callbacks
):
    services.invitation_create(organization=org_a, actor=admin_a, email="pending@example.cn", full_name="待定",
                               role=Role.STAFF)
    before = Invitation.objects.count()
    file = csv_file([
        HEADER_ZH,                                            # line 1
        ["好人", "good@example.cn", "企业人事"],               # line 2: fine
        ["坏地址", "not-an-address", "企业人事"],              # line 3
        ["长" * 51, "long@example.cn", "企业人事"],            # line 4
        ["未知", "unknown@example.cn", "经理"],                # line 5
        ["学生", "student@example.cn", "学生"],                # line 6: no students in an enterprise
        ["重复", "GOOD@example.cn", "工作人员"],               # line 7: the same address as line 2
        ["自己", admin_a.email, "工作人员"],                   # line 8
        ["已在", member_a.email, "企业人事"],                  # line 9: already has the role
        ["待定", "pending@example.cn", "企业人事"],            # line 10: an invitation is open
        ["", "noname@example.cn", ""],                         # line 11
    ])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = upload(admin_a, org_a, file)

    assert response.status_code == 200
    assert Invitation.objects.count() == before
    assert mail.outbox == []
    assert not [callback for callback in callbacks if callback.__qualname__.startswith("_send_after_commit")]
    found = problems_on(response)
    assert found == [
        "第 3 行，“电子邮箱”列：" + zh("Enter a valid email address."),
        "第 4 行，“姓名”列：确保该变量包含不超过 50 字符 (目前字符数 51)。",  # Django's own wording
        "第 5 行，“角色”列：“经理”不是角色。您在这里可以授予的角色：单位管理员、工作人员、企业人事、企业工程师。",
        "第 6 行，“角色”列：" + zh("This role does not exist in an organisation of this kind."),
        "第 7 行，“电子邮箱”列：与第 2 行的地址相同：每人只邀请一次。",
        "第 8 行，“电子邮箱”列：" + zh("You cannot invite yourself: no one changes their own roles."),
        "第 9 行，“电子邮箱”列：" + zh("This person already has this role in the organisation."),
        "第 10 行，“电子邮箱”列：" + zh("An invitation to this address is already open."),
        "第 11 行，“姓名”列：" + zh("This field cannot be blank."),
        "第 11 行，“角色”列：" + zh("This field cannot be blank."),
    ]
    alert = part(response, "batch-problems").text
    assert "未发送任何邀请：文件中有 10 处问题。" in alert
    assert "请改正文件后重新选择它：页面无法在两次发送之间保留文件。" in alert


def test_a_role_above_the_uploaders_is_refused_on_its_line(admin_a, org_a):
    file = csv_file([
        HEADER_ZH,
        ["新秘书", "sec@example.cn", "秘书处工作人员"],
        ["新理事", "council@example.cn", "council_rep"],
    ])

    response = upload(admin_a, org_a, file)

    standing = zh("This standing in the consortium is appointed by the secretariat, not granted by an organisation.")
    assert problems_on(response) == [f"第 2 行，“角色”列：{standing}", f"第 3 行，“角色”列：{standing}"]
    assert not Invitation.objects.exists()


def test_problems_are_named_in_english_with_the_files_own_headers(admin_a, org_a):
    file = xlsx_file([["Full name", "E-mail", "Role"], ["Ann", "ann@", "staff"], ["Bob", "bob@example.cn", "boss"]])

    response = upload(admin_a, org_a, file, language="en")

    assert problems_on(response) == [
        "Line 2, column “E-mail”: Enter a valid email address.",
        "Line 3, column “Role”: “boss” is not a role. The roles you may give here: Organisation administrator, "
        "Staff, Enterprise HR, Enterprise engineer.",
    ]
    assert "Nothing was sent: the file has 2 problems." in part(response, "batch-problems").text
    assert not Invitation.objects.exists()


def test_a_long_list_of_problems_shows_the_first_hundred_and_counts_the_rest(admin_a, org_a):
    rows = [HEADER_ZH] + [[f"人{n}", f"bad-{n}", "工作人员"] for n in range(150)]

    response = upload(admin_a, org_a, csv_file(rows))

    assert len(problems_on(response)) == 100
    assert response.context["problem_count"] == 150
    alert = part(response, "batch-problems").text
    assert "未发送任何邀请：文件中有 150 处问题。" in alert and "……另有 50 处问题未列出。" in alert
    assert not Invitation.objects.exists()


def test_the_service_names_each_refused_invitee_by_field_and_creates_none(admin_a, org_a):
    invitees = [
        services.Invitee(full_name="好", email="ok@example.cn", role=Role.HR, line=2),
        services.Invitee(full_name="", email="OK@example.cn", role=Role.SECRETARIAT, line=3),
    ]

    with pytest.raises(services.InvitationsRefused) as refused:
        services.invitation_batch_create(organization=org_a, actor=admin_a, invitees=invitees)

    [(invitee, error)] = refused.value.refusals
    assert invitee.line == 3
    assert sorted(error.message_dict) == ["email", "full_name", "role"]
    assert not Invitation.objects.exists()


def test_someone_who_may_not_invite_there_is_refused_before_any_line_is_checked(outsider, org_a):
    with pytest.raises(PermissionDenied):
        services.invitation_batch_create(organization=org_a, actor=outsider, invitees=[
            services.Invitee(full_name="甲", email="a@example.cn", role=Role.STAFF, line=2)])


# --- what keeps a file from being read ------------------------------------------------------------


@pytest.mark.parametrize("name,data,message", [
    ("名单.txt", b"a,b,c", "只能读取 CSV 和 XLSX 文件；“名单.txt”两者都不是。请从模板开始。"),
    ("名单.xls", b"\xd0\xcf\x11\xe0....", "无法读取旧版 Excel 工作簿（.xls）。请将文件另存为 Excel 工作簿（.xlsx）或 CSV，再重新选择。"),
    ("名单.xlsx", "姓名,电子邮箱,角色\n甲,a@example.cn,staff\n".encode(),
     "此文件不是 XLSX 工作簿，尽管其名称以 .xlsx 结尾。请在 Excel 或 WPS 中打开它，另存为 Excel 工作簿（.xlsx）或 CSV，再重新选择。"),
    ("名单.csv", xlsx_bytes([HEADER_ZH, ["甲", "a@example.cn", "staff"]]),
     "此文件是 Excel 工作簿，尽管其名称以 .csv 结尾。请将其改名为 .xlsx，或另存为 CSV，再重新选择。"),
    ("名单.csv", bytes(range(256)) * 4,
     "无法读取文件中的字符：它不是 CSV 文本文件，或者不是 UTF-8 或 GBK 编码。请在 Excel 或 WPS 中另存为“CSV UTF-8”，再重新选择。"),
    ("名单.csv", b"", "文件是空的。"),
    ("名单.csv", b"\r\n\r\n ,, \r\n", "文件是空的。"),
    ("名单.csv", "姓名,电子邮箱,角色\r\n\r\n".encode(),
     "文件有标题行，但没有列出任何人。请在其下为每人添加一行：姓名、电子邮箱和角色。"),
    ("名单.csv", "姓名,角色\r\n甲,staff\r\n".encode(),
     "标题行（第一个非空行）缺少“电子邮箱”列。标题行应列出：姓名、电子邮箱、角色。"),
    ("名单.csv", "名字,邮箱,email,角色\r\n甲,a@example.cn,a@example.cn,staff\r\n".encode(),
     "标题行中“email”列出现了两次；请只保留一列。"),
], ids=["txt", "xls", "csv-named-xlsx", "xlsx-named-csv", "binary", "empty", "blank-lines", "header-only",
        "missing-column", "twice"])
def test_a_file_that_cannot_be_read_is_refused_saying_why(admin_a, org_a, name, data, message):
    response = upload(admin_a, org_a, SimpleUploadedFile(name, data))

    assert response.status_code == 200
    assert file_error(response) == message
    assert "请改正文件后重新选择它" in part(response, "batch-problems").text
    assert not Invitation.objects.exists()


def test_a_file_larger_than_one_megabyte_is_refused(admin_a, org_a):
    rows = [HEADER_ZH] + [[f"人{n}", f"p{n}@example.cn", "工作人员", "备注" * 500] for n in range(400)]

    response = upload(admin_a, org_a, csv_file(rows))

    assert file_error(response).startswith("文件大小为 1.")
    assert "最多可读取 1 MB" in file_error(response)
    assert not Invitation.objects.exists()


def test_a_file_of_more_than_500_people_is_refused(admin_a, org_a):
    rows = [HEADER_ZH] + [[f"人{n}", f"p{n}@example.cn", "工作人员"] for n in range(501)]

    response = upload(admin_a, org_a, xlsx_file(rows))

    assert file_error(response) == "文件列出的人数超过 500；一个文件最多邀请 500 人。请将名单拆分为几个文件。"
    assert not Invitation.objects.exists()


def test_exactly_500_people_are_invited(admin_a, org_a):
    rows = [HEADER_ZH] + [[f"人{n}", f"p{n}@example.cn", "工作人员"] for n in range(500)]

    assert upload(admin_a, org_a, csv_file(rows)).status_code == 302
    assert Invitation.objects.filter(organization=org_a).count() == 500


def test_no_file_chosen_is_refused(admin_a, org_a):
    response = client_for(admin_a).post(reverse("members:invitation_batch", args=[org_a.pk]))

    assert file_error(response) == "请选择一个 CSV 或 XLSX 文件。"
    assert 'data-testid="batch-problems"' not in response.content.decode()


# --- the page and the templates ---------------------------------------------------------------


def test_the_people_page_leads_administrators_to_batch_invitations(admin_a, member_a, org_a):
    page = client_for(admin_a).get(reverse("members:people", args=[org_a.pk]))

    assert reverse("members:invitation_batch", args=[org_a.pk]) in part(page, "batch-link").links
    batch = client_for(admin_a).get(reverse("members:invitation_batch", args=[org_a.pk]))
    assert batch.status_code == 200
    assert part(batch, "batch-roles").text.split() == [
        "角色", "代码", "单位管理员", "org_admin", "工作人员", "staff", "企业人事", "hr", "企业工程师", "engineer",
    ]


def test_the_xlsx_template_carries_the_headers_and_the_roles_one_may_give(admin_a, org_a):
    response = client_for(admin_a).get(reverse("members:invitation_template", args=[org_a.pk, "xlsx"]))

    assert response["Content-Type"] == invitation_import.XLSX_TYPE
    assert 'filename="invitations.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    first, roles = workbook.worksheets
    assert [cell.value for cell in first[1]] == HEADER_ZH
    assert list(roles.values) == [
        ("角色", "代码"), ("单位管理员", "org_admin"), ("工作人员", "staff"), ("企业人事", "hr"), ("企业工程师", "engineer"),
    ]
    assert '"单位管理员,工作人员,企业人事,企业工程师"' in [v.formula1 for v in first.data_validations.dataValidation]


def test_the_csv_template_in_english_carries_english_headers(secretariat, school):
    client = client_for(secretariat)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(reverse("members:invitation_template", args=[school.pk, "csv"]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf"), "Excel needs the mark to read UTF-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [HEADER_EN, ["", "", "Organisation administrator"], ["", "", "Staff"], ["", "", "Teacher"],
                    ["", "", "Student"]]


def test_a_template_filled_in_is_read_back(admin_a, org_a):
    client = client_for(admin_a)
    template = client.get(reverse("members:invitation_template", args=[org_a.pk, "csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(template)))
    rows[3][:2] = ["孙人事", "sun.hr@example.cn"]  # the line of the role 企业人事; the others stay as they are
    workbook = load_workbook(io.BytesIO(client.get(
        reverse("members:invitation_template", args=[org_a.pk, "xlsx"])).content))
    workbook.worksheets[0].append(["周工", "zhou@example.cn", "企业工程师"])
    out = io.BytesIO()
    workbook.save(out)

    assert upload(admin_a, org_a, csv_file(rows, encoding="utf-8-sig")).status_code == 302
    assert upload(admin_a, org_a, SimpleUploadedFile("t.xlsx", out.getvalue())).status_code == 302
    assert dict(Invitation.objects.values_list("email", "role")) == {
        "sun.hr@example.cn": Role.HR, "zhou@example.cn": Role.ENGINEER,
    }


def test_an_unknown_template_format_is_not_found(admin_a, org_a):
    response = client_for(admin_a).get(reverse("members:invitation_template", args=[org_a.pk, "pdf"]))

    assert response.status_code == 404


def test_people_of_the_organisation_who_do_not_administer_it_cannot_invite_from_a_file(member_a, org_a):
    file = csv_file([HEADER_ZH, ["甲", "a@example.cn", "staff"]])

    assert upload(member_a, org_a, file).status_code == 404
    assert not Invitation.objects.exists()


# --- cost ----------------------------------------------------------------------------------------


def _queries(user, organization, rows) -> int:
    client, file = client_for(user), csv_file([HEADER_ZH] + rows)
    with CaptureQueriesContext(connection) as captured:
        client.post(reverse("members:invitation_batch", args=[organization.pk]), {"file": file})
    return len(captured)


def test_checking_a_file_costs_the_same_few_queries_however_long_it_is(admin_a, member_a, org_a):
    def refused(n):  # every line names someone who already has the role: checked, refused, nothing written
        return [["已在", member_a.email.upper(), "企业人事"]] + [[f"人{i}", f"x{i}@example.cn", "学生"] for i in range(n)]

    assert _queries(admin_a, org_a, refused(5)) == _queries(admin_a, org_a, refused(200)) <= 15
    assert not Invitation.objects.exists()


def test_sending_costs_the_writes_of_each_invitation_and_no_more(admin_a, org_a):
    few = _queries(admin_a, org_a, [[f"甲{i}", f"few{i}@example.cn", "staff"] for i in range(5)])
    many = _queries(admin_a, org_a, [[f"乙{i}", f"many{i}@example.cn", "staff"] for i in range(45)])

    # Each invitation is one insert and its audit record; the checks are read once for all.
    assert many - few <= 2 * 40
    assert Invitation.objects.count() == 50
