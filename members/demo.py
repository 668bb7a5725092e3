"""Demo data for members: a believable consortium in Changzhou, and a large one for benchmarks.

Every function is idempotent: natural keys (credit codes, user names) decide what exists.
Passwords are hashed once and the hash shared, so thousands of people load in seconds."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from stdnum.cn import uscc

from members.models import (
    ApiKey,
    ApplicationAttachment,
    ApplicationEvent,
    ApplicationEventKind,
    Invitation,
    Membership,
    MembershipApplication,
    Organization,
    OrganizationKind as K,
    OrganizationStatus,
    SCHOOL_KINDS,
    Role,
    User,
    application_reference,
    invitation_expiry,
)

DEMO_PASSWORD = "Consortium-2026"
DEMO_API_KEY_NAME = "人事系统同步"

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
# Given names as people are named, not characters drawn one by one: mostly two characters.
_GIVEN_TWO = (
    "子涵 欣怡 梓轩 一诺 雨桐 思远 嘉怡 俊杰 佳琪 志强 文博 婷婷 晓东 海燕 浩然 宇航 梦瑶 诗涵 家豪 晨曦 明轩 雅琪 "
    "建国 建华 国强 秀英 桂英 丽华 红梅 志明 伟东 海涛 晓峰 春燕 丽娟 文静 俊豪 雨萱 子墨 博文 思彤 若曦 天佑 泽宇 "
    "可欣 晓雯 振华 立新 永红 玉兰 德明 少华 卫东 亚楠 慧敏 静怡 书航 一鸣 嘉伟 佳怡 梓涵 浩宇 晓婷 志刚 国栋 建军"
).split()
_GIVEN_ONE = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚鹏辉斌琳颖蕾峰凯"


def organization_code(serial: int) -> str:
    """A GB 11714 organisation code (8 digits and its check character) from a serial number."""
    body = f"{serial:08d}"
    weights = [3, 7, 9, 10, 5, 8, 4, 2]
    check = 11 - sum(int(c) * w for c, w in zip(body, weights)) % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(region_code: str, serial: int, registrar: str = "91") -> str:
    """A valid 统一社会信用代码 for a demo organisation (registrar 91 = enterprise, 12 = public institution,
    11 = government organ, 51 = social organisation)."""
    body = registrar + region_code + organization_code(serial)
    return body + uscc.calc_check_digit(body)


def chinese_name(rng: random.Random) -> str:
    given = rng.choice(_GIVEN_ONE) if rng.random() < 0.2 else rng.choice(_GIVEN_TWO)
    return rng.choice(_SURNAMES) + given


def landline(rng: random.Random) -> str:
    """A Changzhou landline as it is written: area code 0519, then eight digits."""
    return f"0519-8{rng.randrange(100, 1000)} {rng.randrange(1000, 10000)}"


def mobile(rng: random.Random) -> str:
    """A mainland mobile number, written 3-4-4."""
    return f"1{rng.choice('3456789')}{rng.randrange(10)} {rng.randrange(1000, 10000)} {rng.randrange(1000, 10000)}"


@dataclass(frozen=True)
class DemoOrg:
    key: str
    name_zh: str
    name_en: str
    kind: str
    industry: str | None
    region: str
    registrar: str
    lead: bool = False
    address: str = ""
    domain: str = ""  # its web and mail domain, under example.cn: no real organisation's


ORGS = [
    DemoOrg("edu_bureau", "常州市教育局", "Changzhou Municipal Education Bureau", K.GOVERNMENT, "S91", "320402", "11", True,
            address="常州市天宁区和平北路162号", domain="czedu.example.cn"),
    DemoOrg("park", "常州高新技术产业开发区管理委员会", "Changzhou High-Tech Zone Administrative Committee",
            K.INDUSTRIAL_PARK, "S91", "320411", "11", True,
            address="常州市新北区太湖东路9号", domain="cznd.example.cn"),
    DemoOrg("college", "常州智造职业技术学院", "Changzhou Polytechnic of Intelligent Manufacturing",
            K.HIGHER_VOCATIONAL, "P83", "320412", "12", True,
            address="常州市武进区常武中路801号", domain="czpim.example.cn"),
    DemoOrg("secondary", "常州市龙城中等专业学校", "Changzhou Longcheng Secondary Vocational School",
            K.SECONDARY_VOCATIONAL, "P83", "320404", "12",
            address="常州市钟楼区勤业路271号", domain="czlczz.example.cn"),
    DemoOrg("bachelor", "江南职业技术大学", "Jiangnan University of Technology and Vocation",
            K.VOCATIONAL_BACHELOR, "P83", "320413", "12",
            address="常州市金坛区金坛大道88号", domain="jnvtu.example.cn"),
    DemoOrg("hengyuan", "常州恒远精密机械有限公司", "Changzhou Hengyuan Precision Machinery Co., Ltd.",
            K.ENTERPRISE, "C34", "320411", "91", True,
            address="常州市新北区汉江路368号", domain="hengyuan-precision.example.cn"),
    DemoOrg("xinyuan", "常州新源动力汽车有限公司", "Changzhou Xinyuan Power Automobile Co., Ltd.",
            K.ENTERPRISE, "C36", "320412", "91",
            address="常州市武进区武宜中路188号", domain="xinyuan-auto.example.cn"),
    DemoOrg("xinghe", "常州星河电子科技有限公司", "Changzhou Xinghe Electronics Technology Co., Ltd.",
            K.ENTERPRISE, "C39", "320411", "91",
            address="常州市新北区华山中路22号", domain="xinghe-tech.example.cn"),
    DemoOrg("kangning", "常州康宁生物医药有限公司", "Changzhou Kangning Biopharma Co., Ltd.",
            K.ENTERPRISE, "C27", "320402", "91",
            address="常州市天宁区青洋北路126号", domain="kangning-bio.example.cn"),
    DemoOrg("tongda", "常州通达智慧物流有限公司", "Changzhou Tongda Smart Logistics Co., Ltd.",
            K.ENTERPRISE, "G59", "320412", "91",
            address="常州市武进区延政中路5号", domain="tongda56.example.cn"),
    DemoOrg("yunqi", "常州云启软件有限公司", "Changzhou Yunqi Software Co., Ltd.",
            K.ENTERPRISE, "I65", "320404", "91",
            address="常州市钟楼区星港路65号", domain="yunqisoft.example.cn"),
    DemoOrg("lvneng", "常州绿能光伏科技有限公司", "Changzhou Lvneng Photovoltaic Technology Co., Ltd.",
            K.ENTERPRISE, "C38", "320481", "91",
            address="常州市溧阳市昆仑北路588号", domain="lvneng-pv.example.cn"),
    DemoOrg("institute", "常州先进制造技术研究院", "Changzhou Institute of Advanced Manufacturing Technology",
            K.RESEARCH_INSTITUTE, "M73", "320411", "12",
            address="常州市新北区锦绣路2号", domain="czamt.example.cn"),
    DemoOrg("association", "常州市智能制造行业协会", "Changzhou Intelligent Manufacturing Industry Association",
            K.INDUSTRY_ASSOCIATION, "S94", "320402", "51",
            address="常州市天宁区关河东路66号", domain="czima.example.cn"),
]
APPLICANT = DemoOrg("robotics", "常州未来机器人有限公司", "Changzhou Future Robotics Co., Ltd.",
                    K.ENTERPRISE, "C34", "320411", "91",
                    address="常州市新北区通江中路600号", domain="future-robotics.example.cn")

# The demo logins printed by `seed_demo`, one per role: (user name, full name, org key, roles, what they show).
LOGINS = [
    ("secretariat", "周敏", "edu_bureau", [Role.SECRETARIAT, Role.OFFICER], "secretariat"),
    ("council", "陈国栋", "hengyuan", [Role.COUNCIL_REP, Role.ORG_ADMIN], "council representative"),
    ("school_admin", "李建华", "college", [Role.ORG_ADMIN, Role.COUNCIL_REP], "school admin"),
    ("teacher", "王晓燕", "college", [Role.TEACHER], "teacher"),
    ("hr", "刘婷", "hengyuan", [Role.HR], "enterprise HR"),
    ("student", "张子涵", "college", [Role.STUDENT], "student"),
    ("officer", "赵志刚", "park", [Role.OFFICER, Role.COUNCIL_REP], "government officer"),
]
# Their mailboxes at their organisation's domain, as people's addresses are made (pinyin of the name).
MAILBOXES = {
    "secretariat": "zhoumin", "council": "chenguodong", "school_admin": "lijianhua", "teacher": "wangxiaoyan",
    "hr": "liuting", "student": "zhangzihan", "officer": "zhaozhigang",
}
APPLICANT_LOGIN = ("applicant", "孙浩", "sunhao")
INVITEE = ("吴俊杰", "wujunjie")
SCHOOL_KEYS = ["college", "secondary", "bachelor"]


SPECS = {spec.key: spec for spec in [*ORGS, APPLICANT]}


def _domain(org_key: str) -> str:
    """The organisation's web and mail domain."""
    return SPECS[org_key].domain


def _contact(rng: random.Random, org_key: str) -> dict:
    return {
        "contact_name": chinese_name(rng),
        "contact_phone": landline(rng),
        "contact_email": f"office@{_domain(org_key)}",
    }


def _organization(spec: DemoOrg, serial: int, rng: random.Random, status=OrganizationStatus.ACTIVE) -> Organization:
    organization, _created = Organization.objects.get_or_create(
        credit_code=credit_code(spec.region, serial, spec.registrar),
        defaults={
            "kind": spec.kind, "name_zh": spec.name_zh, "name_en": spec.name_en, "industry_id": spec.industry,
            "region_id": spec.region, "is_lead_member": spec.lead, "status": status,
            "joined_at": timezone.now() if status == OrganizationStatus.ACTIVE else None,
            "address": spec.address, "website": f"https://www.{spec.domain}/", **_contact(rng, spec.key),
        },
    )
    return organization


def _people(rows: list[tuple], password_hash: str) -> dict[str, int]:
    """Create people by (user name, full name, email[, phone]) unless they exist; returns name -> id."""
    User.objects.bulk_create(
        [User(username=u, full_name=n, email=e, phone=phone[0] if phone else "", password=password_hash)
         for u, n, e, *phone in rows],
        batch_size=2000,
        ignore_conflicts=True,
    )
    names = [u for u, *_rest in rows]
    ids = {}
    for start in range(0, len(names), 5000):
        ids.update(User.objects.filter(username__in=names[start:start + 5000]).values_list("username", "id"))
    return ids


def _roles(rows: list[tuple[int, int, str]]) -> None:
    """Give people roles by (user id, organisation id, role) unless they have them."""
    Membership.objects.bulk_create(
        [Membership(user_id=u, organization_id=o, role=r) for u, o, r in rows],
        batch_size=5000,
        ignore_conflicts=True,
    )


@transaction.atomic
def seed(*, password_hash: str | None = None) -> dict:
    """The demo consortium: returns the organisations by key."""
    rng = random.Random(2026)
    password_hash = password_hash or make_password(DEMO_PASSWORD)
    orgs = {spec.key: _organization(spec, 1000 + i, rng) for i, spec in enumerate(ORGS)}

    login_ids = _people(
        [(u, n, f"{MAILBOXES[u]}@{_domain(k)}", mobile(rng)) for u, n, k, _r, _w in LOGINS], password_hash
    )
    _roles([(login_ids[u], orgs[k].id, r) for u, _n, k, roles, _w in LOGINS for r in roles])

    admins = [(f"admin_{spec.key}", chinese_name(rng), f"admin@{_domain(spec.key)}", landline(rng)) for spec in ORGS]
    admin_ids = _people(admins, password_hash)
    _roles([(admin_ids[f"admin_{spec.key}"], orgs[spec.key].id, Role.ORG_ADMIN) for spec in ORGS])

    teachers, students, staff = [], [], []
    for n in range(30):
        teachers.append((f"t{n + 1:03d}", chinese_name(rng), SCHOOL_KEYS[n % 3]))
    for n in range(300):
        students.append((f"s{n + 1:04d}", chinese_name(rng), SCHOOL_KEYS[n % 3]))
    enterprise_keys = [spec.key for spec in ORGS if spec.kind == K.ENTERPRISE]
    for n, key in enumerate(enterprise_keys * 3):
        staff.append((f"e{n + 1:03d}", chinese_name(rng), key, Role.ENGINEER if n % 2 else Role.HR))
    # Schools give their teachers and students mailboxes by staff and student number.
    ids = _people(
        [(u, name, f"{u}@{_domain(k)}", mobile(rng)) for u, name, k in teachers + students]
        + [(u, name, f"{u}@{_domain(k)}", mobile(rng)) for u, name, k, _r in staff],
        password_hash,
    )
    _roles(
        [(ids[u], orgs[k].id, Role.TEACHER) for u, _n, k in teachers]
        + [(ids[u], orgs[k].id, Role.STUDENT) for u, _n, k in students]
        + [(ids[u], orgs[k].id, r) for u, _n, k, r in staff]
    )

    applicant_org = _organization(APPLICANT, 1999, rng, status=OrganizationStatus.APPLICANT)
    username, full_name, mailbox = APPLICANT_LOGIN
    applicant_id = _people(
        [(username, full_name, f"{mailbox}@{APPLICANT.domain}", mobile(rng))], password_hash
    )[username]
    _roles([(applicant_id, applicant_org.id, Role.ORG_ADMIN)])
    if not MembershipApplication.objects.filter(organization=applicant_org).exists():
        _demo_application(applicant_org, applicant_id)
    invitee_name, invitee_mailbox = INVITEE
    invitee_email = f"{invitee_mailbox}@{_domain('hengyuan')}"
    if not Invitation.objects.filter(organization=orgs["hengyuan"], email=invitee_email).exists():
        Invitation.objects.create(
            organization=orgs["hengyuan"], email=invitee_email, full_name=invitee_name, role=Role.ENGINEER,
            invited_by_id=login_ids["council"], expires_at=invitation_expiry(),
        )
    # A partner system's key. Its secret is not kept or printed: make your own key on the page.
    if not ApiKey.objects.filter(organization=orgs["hengyuan"], name=DEMO_API_KEY_NAME).exists():
        from members.services import api_key_create

        api_key_create(
            organization=orgs["hengyuan"], actor=User.objects.get(pk=login_ids["council"]),
            name=DEMO_API_KEY_NAME, scopes=["members:read"],
        )
    return orgs


_SCALE_KINDS = [
    (K.ENTERPRISE, 60, "91", ["C34", "C35", "C36", "C38", "C39", "C27", "G59", "I65", "M74"]),
    (K.HIGHER_VOCATIONAL, 10, "12", ["P83"]),
    (K.SECONDARY_VOCATIONAL, 10, "12", ["P83"]),
    (K.VOCATIONAL_BACHELOR, 4, "12", ["P83"]),
    (K.UNIVERSITY, 4, "12", ["P83"]),
    (K.RESEARCH_INSTITUTE, 6, "12", ["M73"]),
    (K.INDUSTRY_ASSOCIATION, 4, "51", ["S94"]),
    (K.GOVERNMENT, 2, "11", ["S91"]),
]
_SCALE_REGIONS = ["320402", "320404", "320411", "320412", "320413", "320481"]


def seed_scale(*, students: int, password_hash: str | None = None) -> dict:
    """A large consortium for benchmarks: ``students`` students, one teacher for every 25
    and one organisation for every 100 of them (at 50,000: 2,000 teachers, 500 organisations)."""
    rng = random.Random(students)
    password_hash = password_hash or make_password(DEMO_PASSWORD)
    n_orgs = max(students // 100, 10)
    weights = [w for _k, w, _r, _i in _SCALE_KINDS]
    with transaction.atomic():
        fresh = []
        for n in range(n_orgs):
            kind, _w, registrar, industries = rng.choices(_SCALE_KINDS, weights)[0]
            if n == n_orgs - 1 and not any(org.kind in SCHOOL_KINDS for org in fresh):
                # The students and teachers need at least one school, whatever the draw.
                kind, _w, registrar, industries = _SCALE_KINDS[1]
            region = _SCALE_REGIONS[n % len(_SCALE_REGIONS)]
            label = {K.ENTERPRISE: "科技有限公司", K.RESEARCH_INSTITUTE: "研究院", K.INDUSTRY_ASSOCIATION: "行业协会",
                     K.GOVERNMENT: "管理办公室"}.get(kind, "职业学校")
            fresh.append(Organization(
                kind=kind, name_zh=f"常州规模测试{n + 1:04d}{label}", name_en=f"Scale Test Organisation {n + 1:04d}",
                credit_code=credit_code(region, 500000 + n, registrar), industry_id=rng.choice(industries),
                region_id=region, status=OrganizationStatus.ACTIVE, joined_at=timezone.now(),
                contact_name=chinese_name(rng), contact_phone=landline(rng),
                contact_email=f"org{n + 1}@scale.example.cn",
            ))
        Organization.objects.bulk_create(fresh, batch_size=1000, ignore_conflicts=True)
        organizations = list(
            Organization.objects.filter(name_zh__startswith="常州规模测试").values_list("id", "kind")
        )
    schools = [pk for pk, kind in organizations if kind in {K.HIGHER_VOCATIONAL, K.SECONDARY_VOCATIONAL,
                                                            K.VOCATIONAL_BACHELOR, K.UNIVERSITY}]
    others = [pk for pk, kind in organizations if pk not in set(schools)]
    batch = 10000
    people = [("student", Role.STUDENT, students, schools), ("teacher", Role.TEACHER, students // 25, schools)]
    for prefix, role, count, targets in people:
        for start in range(0, count, batch):
            with transaction.atomic():
                rows = [(f"scale_{prefix}{i + 1:06d}", chinese_name(rng), f"{prefix}{i + 1}@scale.example.cn")
                        for i in range(start, min(start + batch, count))]
                ids = _people(rows, password_hash)
                _roles([(ids[u], targets[i % len(targets)], role) for i, (u, _n, _e) in enumerate(rows, start)])
    with transaction.atomic():
        admins = _people([(f"scale_admin{pk}", chinese_name(rng), f"admin{pk}@scale.example.cn") for pk in others], password_hash)
        _roles([(admins[f"scale_admin{pk}"], pk, Role.ORG_ADMIN) for pk in others])
    return {"organizations": len(organizations), "students": students, "teachers": students // 25}


# --- the seed_demo protocol (see consortium/management/commands/seed_demo.py) -------------------


# A one-page PDF standing in for a scanned business licence.
DEMO_LICENCE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _demo_application(organization, applicant_id) -> None:
    """A pending application with its reference number, its receipt already sent and a
    licence scan attached."""
    from django.core.files.base import ContentFile

    application = MembershipApplication.objects.create(
        reference=application_reference(), organization=organization, applicant_id=applicant_id,
        statement="我公司专注工业机器人集成，希望与成员院校共建订单班，接收机电一体化专业实习生。",
    )
    ApplicationEvent.objects.create(
        application=application, kind=ApplicationEventKind.SUBMITTED, actor_id=applicant_id,
        notified_at=application.submitted_at,
    )
    ApplicationAttachment.objects.create(
        application=application, file=ContentFile(DEMO_LICENCE_PDF, name="licence.pdf"), name="营业执照（副本）.pdf",
        content_type="application/pdf", size=len(DEMO_LICENCE_PDF), uploaded_by_id=applicant_id,
    )


def seed_demo(context: dict) -> None:
    """The demo consortium's organisations and people, for the apps that seed after members."""
    orgs = context["organizations"] = seed(password_hash=context["password_hash"])
    context["logins"] += [
        f"{what:<24} {username:<14} {full_name} · {orgs[org_key].name_zh}"
        for username, full_name, org_key, _roles, what in LOGINS
    ]
    context["logins"].append(f"{'membership applicant':<24} {'applicant':<14} (pending application)")


def seed_demo_scale(context: dict, *, students: int) -> str:
    result = seed_scale(students=students, password_hash=context["password_hash"])
    return f"{result['organizations']} organisations, {result['students']} students, {result['teachers']} teachers"
