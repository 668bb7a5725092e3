"""The shared resource library: the people of a school or an enterprise add teaching resources
for it — a file (checked by its content) or a link — with a licence, and share them with every
member or keep them to their organisation; the one who added a resource, the owner's
administrators and the secretariat edit and delete it. Every write: keyword-only, one
transaction, permission checked inside, audited."""

from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from core import files
from core.audit import record_event
from members.models import Organization, User
from training.access import resources as access
from training.models import Licence, ResourceKind, TeachingResource

PPT = files.FileKind("PowerPoint", "application/vnd.ms-powerpoint", (".ppt",), (files.OLE2,))
PPTX = files.FileKind("PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                      (".pptx",), (files.ZIP,), "ppt/presentation.xml")
FILE_KINDS = (*files.DOCUMENTS, PPT, PPTX)
MAX_BYTES = 20 * 1024 * 1024
RESOURCE_FIELDS = ("owner", "title", "kind", "description", "licence", "url", "major", "skills", "is_shared")


def kind_of_name(name: str):
    """The accepted kind a stored file's name says it is (to serve it as that)."""
    extension = PurePath(name or "").suffix.lower()
    return next((kind for kind in FILE_KINDS if extension in kind.extensions), None)


def _check(errors: dict, *, actor: User, owner: Organization | None, title: str, kind: str, licence: str,
           url: str, has_file: bool, skills) -> None:
    if owner is None or not access.owner_choices(actor).filter(pk=owner.pk).exists():
        errors["owner"] = [_("Choose a school or enterprise you add resources for.")]
    if not (title or "").strip():
        errors["title"] = [_("Give the resource a title.")]
    if kind not in ResourceKind.values:
        errors["kind"] = [_("Choose the kind of resource.")]
    if licence not in Licence.values:
        errors["licence"] = [_("Choose the licence under which others may use it.")]
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors["url"] = [_("Give a web address starting with http:// or https://.")]
    if has_file and url:
        errors["url"] = [_("Give a file or a link, not both.")]
    elif not has_file and not url:
        errors["file"] = [_("Attach a file or give a link.")]
    if len(list(skills or ())) > 20:
        errors["skills"] = [_("Choose at most 20 skills.")]


def _attach(resource: TeachingResource, upload) -> None:
    try:
        files.check_upload(upload, kinds=FILE_KINDS, max_bytes=MAX_BYTES)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    name = files.clean_name(upload.name)
    resource.file.save(name, upload, save=False)
    resource.file_name = name


@transaction.atomic
def resource_create(*, actor: User, owner: Organization, title: str, kind: str, licence: str, description: str = "",
                    file=None, url: str = "", major=None, skills=(), is_shared: bool = True) -> TeachingResource:
    if not access.can_add_resources(actor):
        raise PermissionDenied
    url = (url or "").strip()
    errors = {}
    _check(errors, actor=actor, owner=owner, title=title, kind=kind, licence=licence, url=url,
           has_file=file is not None, skills=skills)
    if errors:
        raise ValidationError(errors)
    resource = TeachingResource(owner=owner, title=title.strip(), kind=kind, description=(description or "").strip(),
                                licence=licence, url=url, major=major, is_shared=is_shared,
                                created_by=None if access.base.is_api_key(actor) else actor)
    if file is not None:
        _attach(resource, file)
    resource.save()
    resource.skills.set(skills or [])
    record_event("resource.created", instance=resource, actor=actor,
                 details={"owner": owner.name, "licence": resource.get_licence_display()})
    if is_shared:
        record_event("resource.shared", instance=resource, actor=actor, details={"title": resource.title})
    return resource


@transaction.atomic
def resource_update(*, resource: TeachingResource, actor: User, title: str, kind: str, licence: str,
                    description: str = "", file=None, url: str = "", major=None, skills=(),
                    is_shared: bool = True, owner: Organization | None = None) -> TeachingResource:
    """A new file replaces the old one; a link replaces a file (and the other way round)."""
    resource = TeachingResource.objects.select_for_update().get(pk=resource.pk)
    if not access.can_edit_resource(actor, resource):
        raise PermissionDenied
    url = (url or "").strip()
    keeps_file = file is None and not url and bool(resource.file)
    errors = {}
    owner = resource.owner if owner is None else owner
    if owner.pk != resource.owner_id:
        _check(errors, actor=actor, owner=owner, title=title, kind=kind, licence=licence, url=url,
               has_file=file is not None or keeps_file, skills=skills)
    else:
        _check(errors, actor=actor, owner=None, title=title, kind=kind, licence=licence, url=url,
               has_file=file is not None or keeps_file, skills=skills)
        errors.pop("owner", None)
    if errors:
        raise ValidationError(errors)
    was_shared = resource.is_shared
    resource.owner, resource.title, resource.kind = owner, title.strip(), kind
    resource.description, resource.licence, resource.major = (description or "").strip(), licence, major
    resource.is_shared = is_shared
    old_file = resource.file.name if resource.file and not keeps_file else ""
    if file is not None:
        _attach(resource, file)
        resource.url = ""
    elif url:
        resource.url, resource.file, resource.file_name = url, "", ""
    resource.save()
    resource.skills.set(skills or [])
    if old_file and old_file != resource.file.name:
        transaction.on_commit(lambda: resource.file.storage.delete(old_file))
    if is_shared != was_shared:
        record_event("resource.shared" if is_shared else "resource.unshared", instance=resource, actor=actor,
                     details={"title": resource.title})
    return resource


@transaction.atomic
def resource_delete(*, resource: TeachingResource, actor: User) -> None:
    resource = TeachingResource.objects.select_for_update().get(pk=resource.pk)
    if not access.can_edit_resource(actor, resource):
        raise PermissionDenied
    if resource.course_versions.exists():
        # A course version keeps what it was written with: its attachments are part of the record.
        raise ValidationError(_("Courses use this resource in their versions, so it stays in the library. "
                                "Stop sharing it instead if it should no longer be offered."))
    stored = resource.file.name if resource.file else ""
    storage = resource.file.storage
    record_event("resource.deleted", instance=resource, actor=actor,
                 details={"title": resource.title, "owner": resource.owner.name})
    resource.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
