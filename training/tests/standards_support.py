"""Standards and resources for tests, written straight to the database (the services are tested
on their own)."""

from datetime import date

from django.core.files.base import ContentFile

from training.models import Competence, Licence, ResourceKind, Standard, StandardKind, TeachingResource

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def standard(owner, *, code="T/TEST 001", version="2021", title="测试标准", current=True, replaces=None,
             competences=(("4.1", "安全操作"),), effective_on=date(2021, 1, 1)) -> Standard:
    found = Standard.objects.filter(code=code, version=version).first()
    if found is not None:
        return found
    made = Standard.objects.create(owner=owner, kind=StandardKind.ASSOCIATION, code=code, title=title,
                                   issuing_body="测试协会", version=version, effective_on=effective_on,
                                   is_current=current, replaces=replaces)
    for number, name in competences:
        Competence.objects.create(standard=made, code=number, name=name)
    return made


def versioned(owner, *, code="T/TEST 002") -> tuple[Standard, Standard]:
    """A standard in two versions: (the old one, the current one)."""
    old = standard(owner, code=code, version="2019", current=False, effective_on=date(2019, 1, 1),
                   competences=(("4.1", "安全操作"), ("4.2", "示教编程")))
    new = standard(owner, code=code, version="2023", replaces=old, effective_on=date(2023, 1, 1),
                   competences=(("4.1", "安全操作"), ("4.3", "机器视觉")))
    return old, new


def resource(owner, *, title="测试资源", shared=True, created_by=None, with_file=False) -> TeachingResource:
    found = TeachingResource.objects.filter(owner=owner, title=title).first()
    if found is not None:
        return found
    made = TeachingResource(owner=owner, title=title, kind=ResourceKind.DOCUMENT, licence=Licence.CC_BY,
                            is_shared=shared, created_by=created_by,
                            url="" if with_file else "https://example.cn/resource")
    if with_file:
        made.file.save("guide.pdf", ContentFile(PDF), save=False)
        made.file_name = "实训指导书.pdf"
    made.save()
    return made
