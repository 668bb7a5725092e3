"""Demo data for the consortium as a whole: the secretariat's announcements (通知公告), one of
them with a spreadsheet generated here. Idempotent: an announcement's title decides whether
it exists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone

from consortium import attachments
from consortium.models import Announcement, AnnouncementAttachment, AnnouncementStatus
from members.models import User

FORM_NAME = "2026年度产教融合型企业申报汇总表.xlsx"


@dataclass(frozen=True)
class DemoAnnouncement:
    title: str
    body: str
    days_ago: int | None  # None: a draft
    pinned: bool = False
    with_form: bool = False


ANNOUNCEMENTS = [
    DemoAnnouncement(
        "关于开展2026年度产教融合型企业申报工作的通知",
        "各成员单位：\n\n"
        "根据《建设产教融合型企业实施办法（试行）》和省、市有关工作安排，联合体秘书处现组织开展2026年度产教融合型"
        "企业申报工作。有关事项通知如下：\n\n"
        "一、申报对象\n在本市依法登记注册、深度参与校企合作一年以上的联合体成员企业，重点支持智能制造、新能源、"
        "集成电路等产业领域的企业。\n\n"
        "二、申报条件\n1. 与职业院校共建实训基地、产业学院或开展订单班、现代学徒制培养；\n"
        "2. 近三年接收学生实习实训累计不少于50人次；\n3. 选派技术骨干担任产业导师，参与专业课程开发。\n\n"
        "三、申报材料\n请您填写附件《2026年度产教融合型企业申报汇总表》，连同营业执照复印件、校企合作协议等"
        "证明材料，于2026年4月30日前报送联合体秘书处。\n\n"
        "四、联系方式\n联合体秘书处，电话：0519-85680000。\n\n"
        "特此通知。\n\n常州智能制造市域产教联合体秘书处",
        days_ago=3, pinned=True, with_form=True,
    ),
    DemoAnnouncement(
        "理事会第二次全体会议纪要公示",
        "2026年3月12日，联合体理事会第二次全体会议在常州智造职业技术学院召开，应到理事21人，实到19人。\n\n"
        "会议审议通过了以下事项：\n1. 《联合体2026年度工作计划》；\n2. 新增常州未来机器人有限公司等3家成员单位；\n"
        "3. 《教育责任积分管理办法（试行）》；\n4. 设立智能制造产业学院建设专项。\n\n"
        "现将会议纪要予以公示，公示期为5个工作日。如您对上述事项有异议，请在公示期内以书面形式向联合体秘书处反映。",
        days_ago=10,
    ),
    DemoAnnouncement(
        "校企合作项目申报指南",
        "为推动成员单位围绕产业需求开展实质性合作，联合体设立2026年度校企合作项目，现发布申报指南。\n\n"
        "一、支持方向\n1. 岗课赛证融通课程共建；\n2. 企业真实项目进课堂；\n3. 双师型教师企业实践；\n"
        "4. 中小企业技术攻关与工艺改进。\n\n"
        "二、申报要求\n项目须由至少一所院校与一家企业联合申报，实施周期一般为一年。每个单位限报2项。\n\n"
        "三、评审方式\n秘书处组织行业、院校专家进行评审，结果将在本栏目公示。",
        days_ago=20,
    ),
    DemoAnnouncement(
        "关于举办2026年常州市职业院校技能大赛（智能制造赛项）的通知",
        "各成员院校、成员企业：\n\n"
        "为以赛促教、以赛促学，联合体将联合常州市教育局举办2026年常州市职业院校技能大赛（智能制造赛项）。"
        "比赛设工业机器人系统集成、数控加工、智能产线运维三个赛项，中职组、高职组分别进行。\n\n"
        "请您于5月15日前在门户报送参赛名单。欢迎成员企业派出技术人员担任裁判和技术支持。",
        days_ago=35,
    ),
    DemoAnnouncement(
        "联合体新增成员单位名单公示",
        "经成员单位申请、秘书处审核，常州未来机器人有限公司、常州市龙城中等专业学校等单位拟加入联合体。"
        "公示期为2026年2月20日至2月26日。如您有不同意见，请在公示期内联系秘书处。",
        days_ago=50,
    ),
    DemoAnnouncement(
        "关于征集2026年度企业岗位需求的通知",
        "各成员企业：\n\n为做好2026届毕业生就业和订单班招生工作，秘书处现征集成员企业的岗位需求。"
        "请您在人才平台填报岗位名称、人数、专业要求和薪酬区间。",
        days_ago=None,
    ),
]


def application_form() -> bytes:
    """A small spreadsheet for enterprises to fill in, made here rather than shipped."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "申报汇总表"
    sheet.append(["2026年度产教融合型企业申报汇总表"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append(["序号", "企业名称", "统一社会信用代码", "所属行业", "合作院校", "合作形式", "接收实习人次", "联系人", "联系电话"])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    sheet.append([1, "（示例）常州恒远精密机械有限公司", "", "通用设备制造业", "常州智造职业技术学院", "订单班、产业学院",
                  60, "", ""])
    for column, width in zip("ABCDEFGHI", (6, 32, 22, 16, 24, 18, 14, 10, 14)):
        sheet.column_dimensions[column].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def seed_demo(context: dict) -> None:
    author = User.objects.filter(username="secretariat").first()
    now = timezone.now()
    for spec in ANNOUNCEMENTS:
        announcement, _created = Announcement.objects.get_or_create(
            title=spec.title,
            defaults={
                "body": spec.body,
                "pinned": spec.pinned,
                "created_by": author,
                "status": AnnouncementStatus.DRAFT if spec.days_ago is None else AnnouncementStatus.PUBLISHED,
                "published_at": None if spec.days_ago is None else now - timedelta(days=spec.days_ago),
            },
        )
        if spec.with_form and not announcement.attachments.exists():
            data = application_form()
            attachment = AnnouncementAttachment(
                announcement=announcement, original_name=FORM_NAME, content_type=attachments.XLSX, size=len(data)
            )
            attachment.file.save(FORM_NAME, ContentFile(data), save=True)
