"""Demo data of the resources part: teaching resources of the college (added by its teacher),
恒远精密 (by its HR and its administrator), the secondary school and 新源动力 (by the secretariat),
shared and unshared, files and links, with licences, majors and skills. Idempotent; every write
goes through ``services.resources``."""

from django.core.files.base import ContentFile

from members.models import User
from reference.models import Major
from training.demo.standards import _skills
from training.models import Licence, ResourceKind, TeachingResource
from training.services import resources as services

R, L = ResourceKind, Licence


def _pdf(title: str) -> bytes:
    """A one-page PDF (enough for the demo's download link)."""
    text = title.encode("ascii", "ignore") or b"Teaching resource"
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


# (owner key, actor login, title, kind, licence, file name (PDF) or link, major, skills, shared, description)
RESOURCES = [
    ("college", "teacher", "工业机器人示教编程实训指导书", R.DOCUMENT, L.CC_BY_SA, "robot-teaching-guide.pdf", "460305",
     ["S0701", "S0702"], True, "面向工业机器人技术专业二年级的示教编程实训项目，共 8 个任务。"),
    ("college", "teacher", "PLC 控制系统设计微课（12 讲）", R.VIDEO, L.CC_BY_NC,
     "https://mooc.czpim.example.cn/courses/plc-design", "460303", ["S0504"], True,
     "西门子 S7-1200 控制系统设计系列微课，配套课后练习。"),
    ("college", "teacher", "电气识图单元测验题库", R.EXERCISE, L.MEMBERS, "electrical-drawing-quiz.pdf", "460303",
     ["S0503"], False, "本校教研室内部使用的单元测验题库，尚在修订。"),
    ("hengyuan", "hr", "加工中心首件检验真实案例", R.CASE, L.CC_BY, "first-article-inspection-case.pdf", "460103",
     ["S0609", "S0618"], True, "恒远精密数控车间一次首件检验不合格的分析与整改过程，可用作教学案例。"),
    ("hengyuan", "council", "恒远精密新员工安全操作培训课件", R.SLIDES, L.OWNER,
     "https://learn.hengyuan-precision.example.cn/safety-induction", "", ["S0514"], False,
     "企业内部培训课件，仅供本单位使用。"),
    ("secondary", "secretariat", "钳工装配基本功训练视频", R.VIDEO, L.CC_BY,
     "https://video.czlczz.example.cn/fitting-basics", "", ["S0610"], True, "中职机械类专业钳工装配基本功训练。"),
    ("xinyuan", "secretariat", "新能源汽车高压安全操作规范解读", R.SLIDES, L.MEMBERS,
     "https://training.xinyuan-auto.example.cn/hv-safety", "460702", ["S0808"], True,
     "新源动力面向合作院校开放的高压安全培训课件。"),
]


def seed(context) -> None:
    orgs = context["organizations"]
    users = {u.username: u for u in User.objects.filter(username__in=["teacher", "hr", "council", "secretariat"])}
    skills = _skills([code for spec in RESOURCES for code in spec[7]])
    majors = {m.code: m for m in Major.objects.filter(code__in=[spec[6] for spec in RESOURCES if spec[6]])}
    for owner_key, login, title, kind, licence, content, major, codes, shared, description in RESOURCES:
        owner, actor = orgs.get(owner_key), users.get(login)
        if owner is None or actor is None or TeachingResource.objects.filter(owner=owner, title=title).exists():
            continue
        is_link = content.startswith("https://")
        services.resource_create(
            actor=actor, owner=owner, title=title, kind=kind, licence=licence, description=description,
            url=content if is_link else "", file=None if is_link else ContentFile(_pdf(content), name=content),
            major=majors.get(major), skills=[skills[c] for c in codes if c in skills], is_shared=shared)


def seed_scale(context, *, students: int) -> str:
    return ""
