"""Standards and their competences: a keeper adds a standard, edits its current version and its
competences, and publishes a new version — the competences are copied to it, the old version is
no longer current, and ``events.standard_versioned`` tells the courses part in the same
transaction. Every write: keyword-only, one transaction, permission checked inside, audited."""

import re
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.audit import record_event
from members.models import Organization, User
from training import events
from training.access import standards as access
from training.models import Competence, Standard, StandardKind

STANDARD_FIELDS = ("kind", "title", "issuing_body", "version", "effective_on", "summary")
COMPETENCE_FIELDS = ("code", "name", "description", "skill")

# GB/T 39116, JB/T 10000.1, T/CZIMA 001, Q/HYJM 005 — or an occupational code (职业编码) 6-31-01-03.
CODE_RE = re.compile(r"^(?:[A-Z]{1,6}(?:/[A-Z]{1,10})? \d{1,6}(?:\.\d{1,3}){0,2}|\d-\d{2}-\d{2}-\d{2})$")
YEAR_IN_CODE_RE = re.compile(r"-(19|20)\d{2}$")
VERSION_RE = re.compile(r"^[0-9A-Za-z.\-]{1,20}$")
COMPETENCE_CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$")


def normalize_code(code: str) -> str:
    return " ".join((code or "").replace("／", "/").split()).upper()


def _check_code(errors: dict, code: str) -> None:
    if not code:
        errors["code"] = [_("Give the standard's code, e.g. GB/T 39116.")]
    elif YEAR_IN_CODE_RE.search(code):
        errors["code"] = [_("Give the code without its year (GB/T 39116, not GB/T 39116-2020); the year is the "
                            "version.")]
    elif not CODE_RE.match(code):
        errors["code"] = [_("A code is its prefix and number, e.g. GB/T 39116, T/CZIMA 001, Q/HYJM 005, or an "
                            "occupational code such as 6-31-01-03.")]


def _check_fields(errors: dict, *, kind: str, title: str, issuing_body: str, version: str,
                  effective_on: date | None) -> None:
    if kind not in StandardKind.values:
        errors["kind"] = [_("Choose the kind of standard.")]
    if not (title or "").strip():
        errors["title"] = [_("Give the standard's title.")]
    if not (issuing_body or "").strip():
        errors["issuing_body"] = [_("Name the body that issued the standard.")]
    if not VERSION_RE.match((version or "").strip()):
        errors["version"] = [_("Give the version as its year or edition, e.g. 2020 (letters, digits, dots and "
                               "hyphens).")]
    if effective_on is None:
        errors["effective_on"] = [_("Give the date the standard takes effect.")]


def _check_version(errors: dict, *, code: str, version: str, effective_on: date | None,
                   previous: Standard | None, this: Standard | None = None) -> None:
    taken = Standard.objects.filter(code=code, version=version.strip())
    if this is not None:
        taken = taken.exclude(pk=this.pk)
    if "version" not in errors and taken.exists():
        errors["version"] = [_("%(code)s already has a version %(version)s.") % {"code": code, "version": version}]
    if previous is not None and effective_on is not None and effective_on < previous.effective_on:
        errors["effective_on"] = [_("A version cannot take effect before the version it replaces (%(date)s).")
                                  % {"date": previous.effective_on.isoformat()}]


def _save(obj, field: str, message: str) -> None:
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:  # a concurrent request took the same code and version first
        raise ValidationError({field: [message]}) from None


@transaction.atomic
def standard_create(*, actor: User, owner: Organization, kind: str, code: str, title: str, issuing_body: str,
                    version: str, effective_on: date, summary: str = "") -> Standard:
    if not access.can_keep_standards(actor):
        raise PermissionDenied
    code = normalize_code(code)
    errors = {}
    if owner is None or not access.owner_choices(actor).filter(pk=owner.pk).exists():
        errors["owner"] = [_("Choose an organisation whose standards you keep.")]
    _check_code(errors, code)
    _check_fields(errors, kind=kind, title=title, issuing_body=issuing_body, version=version,
                  effective_on=effective_on)
    if "code" not in errors and Standard.objects.filter(code=code).exists():
        errors["code"] = [_("%(code)s is already in the library; publish a new version of it instead.")
                          % {"code": code}]
    if errors:
        raise ValidationError(errors)
    standard = Standard(owner=owner, kind=kind, code=code, title=title.strip(), issuing_body=issuing_body.strip(),
                        version=version.strip(), effective_on=effective_on, summary=(summary or "").strip(),
                        is_current=True)
    _save(standard, "code", _("%(code)s is already in the library.") % {"code": code})
    record_event("standard.created", instance=standard, actor=actor,
                 details={"code": code, "version": standard.version})
    return standard


@transaction.atomic
def standard_update(*, standard: Standard, actor: User, kind: str, title: str, issuing_body: str, version: str,
                    effective_on: date, summary: str = "") -> Standard:
    """Corrects the current version (its code stays)."""
    standard = Standard.objects.select_for_update().get(pk=standard.pk)
    if not access.can_edit_standard(actor, standard):
        raise PermissionDenied
    errors = {}
    _check_fields(errors, kind=kind, title=title, issuing_body=issuing_body, version=version,
                  effective_on=effective_on)
    _check_version(errors, code=standard.code, version=version or "", effective_on=effective_on,
                   previous=standard.replaces, this=standard)
    if errors:
        raise ValidationError(errors)
    standard.kind, standard.title, standard.issuing_body = kind, title.strip(), issuing_body.strip()
    standard.version, standard.effective_on, standard.summary = version.strip(), effective_on, (summary or "").strip()
    _save(standard, "version", _("This version is already in the library."))
    return standard


@transaction.atomic
def standard_new_version(*, standard: Standard, actor: User, version: str, effective_on: date,
                         title: str | None = None, issuing_body: str | None = None, summary: str | None = None,
                         kind: str | None = None) -> Standard:
    """The next version of a standard, with the current version's competences copied to it (to be
    edited there); the old version stays, no longer current, and every course citing it is
    flagged by the courses part (``events.standard_versioned``)."""
    old = Standard.objects.select_for_update().get(pk=standard.pk)
    if not access.can_edit_standard(actor, old):
        if access.can_keep_standards(actor) and not old.is_current:
            raise ValidationError(_("Only the current version of a standard gets a next version."))
        raise PermissionDenied
    kind = old.kind if kind is None else kind
    title = old.title if title is None else title
    issuing_body = old.issuing_body if issuing_body is None else issuing_body
    summary = old.summary if summary is None else summary
    errors = {}
    _check_fields(errors, kind=kind, title=title, issuing_body=issuing_body, version=version,
                  effective_on=effective_on)
    _check_version(errors, code=old.code, version=version or "", effective_on=effective_on, previous=old)
    if errors:
        raise ValidationError(errors)
    old.is_current = False
    old.save(update_fields=["is_current"])
    new = Standard(owner=old.owner, kind=kind, code=old.code, title=title.strip(), issuing_body=issuing_body.strip(),
                   version=version.strip(), effective_on=effective_on, summary=(summary or "").strip(),
                   replaces=old, is_current=True)
    _save(new, "version", _("This version is already in the library."))
    Competence.objects.bulk_create([
        Competence(standard=new, code=c.code, name=c.name, description=c.description, skill_id=c.skill_id)
        for c in old.competences.order_by("code")
    ])
    record_event("standard.versioned", instance=new, actor=actor,
                 details={"code": new.code, "from": old.version, "to": new.version,
                          "competences": new.competences.count()})
    events.standard_versioned.send(sender=Standard, standard=new, previous=old, actor=actor)
    return new


def _check_competence(*, standard: Standard, code: str, name: str, competence: Competence | None = None) -> None:
    errors = {}
    code = (code or "").strip()
    if not COMPETENCE_CODE_RE.match(code):
        errors["code"] = [_("Give the competence's number in the standard, e.g. 4.2.1.")]
    elif standard.competences.filter(code=code).exclude(pk=getattr(competence, "pk", None)).exists():
        errors["code"] = [_("This version already has a competence %(code)s.") % {"code": code}]
    if not (name or "").strip():
        errors["name"] = [_("Name the competence.")]
    if errors:
        raise ValidationError(errors)


def _locked_current(standard: Standard, actor: User) -> Standard:
    standard = Standard.objects.select_for_update().get(pk=standard.pk)
    if not access.can_edit_standard(actor, standard):
        raise PermissionDenied
    return standard


@transaction.atomic
def competence_create(*, standard: Standard, actor: User, code: str, name: str, description: str = "",
                      skill=None) -> Competence:
    standard = _locked_current(standard, actor)
    _check_competence(standard=standard, code=code, name=name)
    competence = Competence(standard=standard, code=code.strip(), name=name.strip(),
                            description=(description or "").strip(), skill=skill)
    _save(competence, "code", _("This version already has a competence %(code)s.") % {"code": code.strip()})
    return competence


@transaction.atomic
def competence_update(*, competence: Competence, actor: User, code: str, name: str, description: str = "",
                      skill=None) -> Competence:
    standard = _locked_current(competence.standard, actor)
    competence = Competence.objects.get(pk=competence.pk, standard=standard)
    _check_competence(standard=standard, code=code, name=name, competence=competence)
    competence.code, competence.name = code.strip(), name.strip()
    competence.description, competence.skill = (description or "").strip(), skill
    _save(competence, "code", _("This version already has a competence %(code)s.") % {"code": code.strip()})
    return competence


@transaction.atomic
def competence_delete(*, competence: Competence, actor: User) -> None:
    standard = _locked_current(competence.standard, actor)
    Competence.objects.filter(pk=competence.pk, standard=standard).delete()

