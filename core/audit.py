"""The audit trail: who changed what, in which organisation, when and from where.

Every create, update and delete of every model — and every change of a many-to-many
relation — is recorded by the model signals below, whichever door it came through (pages,
API, admin console, tasks), so no view has to remember to do it. A model is left out only
when ``NOT_AUDITED`` names it, with the reason. Decisions (an application approved, a role
granted) are recorded as named events by the services that take them: ``record_event()``. The request that caused a write is known through
``AuditContextMiddleware``; tasks and commands run inside ``audit_context()``.
Bulk operations (``QuerySet.update``, ``bulk_create``) send no signals: services that use
them call ``record()`` themselves.
"""

from __future__ import annotations

import json
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.http import client_ip, request_source

# Models whose writes are not audited, each with the reason. Every other model is.
NOT_AUDITED = {
    "core.auditevent": "the audit trail itself",
    "contenttypes.contenttype": "Django's catalogue of models, kept by migrations",
    "auth.permission": "Django's catalogue of permissions, kept by migrations (the portal's rights are its access rules)",
    "sessions.session": "sign-ins and sign-outs are audited as such",
    "admin.logentry": "the admin console's own history, a copy of what the audit trail holds",
    "axes.accessattempt": "failed sign-ins are audited as such; lifting a lock is audited through its proxy members.loginlockout",
    "axes.accesslog": "sign-ins are audited as such",
    "axes.accessfailurelog": "failed sign-ins are audited as such",
    "transparency.loghead": "the log's size and right edge, rewritten by every append",
    "transparency.logentry": "the transparency log is its own record: append-only, hashed and signed",
    "transparency.treenode": "hashes derived from the log's entries",
    "transparency.checkpoint": "signed by the log and published; the log is its own record",
    "transparency.cosignature": "signed by the witnesses and published with their checkpoint",
    "credentials.statuslist": "a signed, published bitstring; every version is in the transparency log, and "
                              "the status change that caused it is audited on its credential",
    "talent_matching.supplydemandsnapshot": "de-identified counts derived from postings and profiles, rewritten "
                                            "whole each month; each run is audited as supply.snapshot_taken",
    "talent_matching.matchresult": "scores derived from postings and profiles, a million rows rewritten in bulk by "
                                   "every matching run; the run itself is audited and its start recorded as a decision",
    "talent_matching.placementresult": "computed by a placement run from its input and replaced by the next run; "
                                       "the run is audited with the digests of its input and result",
}
# Changes to these fields alone are bookkeeping, not an event anyone needs to see.
IGNORED_FIELDS = {"last_login", "updated_at", "last_size", "last_root", "last_checkpoint"}
# Values never written into the trail; the change itself still is.
SECRET_FIELDS = {"password", "key", "key_hash", "token", "private_key_encrypted", "share_token"}
MASK = "******"


@dataclass
class AuditContext:
    request: object | None = None
    actor: object | None = None
    source: str = "system"
    ip: str | None = None

    def current_actor(self):
        if self.actor is not None:
            return self.actor
        user = getattr(self.request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


_context: ContextVar[AuditContext | None] = ContextVar("audit_context", default=None)


def current_context() -> AuditContext:
    return _context.get() or AuditContext()


@contextmanager
def acting_as(actor):
    """Attribute the writes inside the block to ``actor``, in the same request: for a
    visitor's own sign-up, whose later steps are theirs once their account exists."""
    current = current_context()
    token = _context.set(AuditContext(request=current.request, actor=actor, source=current.source, ip=current.ip))
    try:
        yield
    finally:
        _context.reset(token)


@contextmanager
def audit_context(*, request=None, actor=None, source: str | None = None):
    """Attribute every write inside the block to this request or actor."""
    context = AuditContext(
        request=request,
        actor=actor,
        source=source or (request_source(request) if request is not None else "system"),
        ip=client_ip(request) if request is not None else None,
    )
    token = _context.set(context)
    try:
        yield context
    finally:
        _context.reset(token)


class _Encoder(DjangoJSONEncoder):
    """Binary values (public keys, hashes) as hex."""

    def default(self, o):
        if isinstance(o, (bytes, memoryview)):
            return bytes(o).hex()
        return super().default(o)


def _jsonable(value):
    return json.loads(json.dumps(value, cls=_Encoder, ensure_ascii=False))


def _value(instance, attname: str):
    value = getattr(instance, attname)
    # A file is recorded by its stored name, as the database holds it.
    return value.name if isinstance(value, FieldFile) else value


def _field_values(instance) -> dict:
    return {field.attname: _value(instance, field.attname) for field in instance._meta.concrete_fields}


def _masked(changes: dict) -> dict:
    return {name: [MASK, MASK] if name in SECRET_FIELDS else pair for name, pair in changes.items()}


def _describe(instance) -> tuple[str, str]:
    """The object's id and label for the trail; a primary key that is a secret is never written."""
    if instance._meta.pk.attname in SECRET_FIELDS:
        owner = getattr(instance, "user", None)
        return "", f"{instance._meta.verbose_name} · {owner}" if owner is not None else str(instance._meta.verbose_name)
    return ("" if instance.pk is None else str(instance.pk)), str(instance)


@lru_cache(maxsize=1)
def _actor_organization():
    """``settings.AUDIT_ACTOR_ORGANIZATION``: the function giving the organisation a person acts for."""
    return import_string(settings.AUDIT_ACTOR_ORGANIZATION)


def organization_of(instance, actor=None) -> int | None:
    """The organisation an audited object belongs to: what the model says
    (``audit_organization_id()``, else its ``organization_id``), else the one the actor acts for."""
    if instance is not None:
        own = getattr(instance, "audit_organization_id", None)
        if callable(own):
            return own()
        if hasattr(instance, "organization_id"):
            return instance.organization_id
    if actor is not None:
        return _actor_organization()(actor)
    return None


def _actor_columns(actor) -> dict:
    """A person is stored by id; a non-person principal (an API key) by its name only."""
    if actor is None:
        return {"actor": None, "actor_label": ""}
    is_person = isinstance(actor, apps.get_model(settings.AUTH_USER_MODEL)) and actor.pk is not None
    return {"actor": actor if is_person else None, "actor_label": actor.get_username()}


def record(*, action: str, instance=None, changes: dict | None = None, actor=None, object_repr: str = "",
           event: str = "", organization_id: int | None = None):
    """Write one audit event in the current context and return it."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import AuditEvent

    context = current_context()
    actor = actor or context.current_actor()
    if actor is None and action == "create" and isinstance(instance, apps.get_model(settings.AUTH_USER_MODEL)):
        # Signing up (applying to join, accepting an invitation): the new person acts for themself.
        actor = instance
    if organization_id is None:
        organization_id = organization_of(instance, actor)
    object_id, label = _describe(instance) if instance is not None else ("", "")
    # A proxy (a third-party model shown under our own name) keeps its own type.
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False) if instance is not None else None
    return AuditEvent.objects.create(
        **_actor_columns(actor),
        organization_id=organization_id,
        action=action,
        event=event,
        source=context.source,
        content_type=content_type,
        object_id=object_id,
        object_repr=(object_repr or label)[:200],
        changes=_jsonable(_masked(changes or {})),
        ip_address=context.ip,
    )


def event_label(name: str) -> str:
    """A decision's name for readers, as its app declares it (``AUDIT_EVENTS`` in portal.py)."""
    from core.portal import audit_events

    return str(audit_events().get(name, name))


# How the details of a named event are labelled where the key is not a field of the event's
# object: the words every app uses for them (an app passing another key shows that key).
DETAIL_LABELS = {
    "achievement": gettext_lazy("Achievement"),
    "count": gettext_lazy("Number"),
    "credits": gettext_lazy("Credits"),
    "file": gettext_lazy("File"),
    "invited_by": gettext_lazy("Invited by"),
    "key": gettext_lazy("Key"),
    "note": gettext_lazy("Note"),
    "organization": gettext_lazy("Organisation"),
    "posting": gettext_lazy("Posting"),
    "reason": gettext_lazy("Reason"),
    "retired": gettext_lazy("Key retired"),
    "role": gettext_lazy("Role"),
    "rule": gettext_lazy("Rule"),
    "school": gettext_lazy("School"),
    "source": gettext_lazy("Source"),
    "stage": gettext_lazy("Stage"),
    "title": gettext_lazy("Title"),
    "total": gettext_lazy("Total"),
}


def record_event(name: str, *, instance=None, details: dict | None = None, actor=None):
    """A decision, by name (``application.approved``, ``role.granted``), beside the field
    changes it caused. ``details`` are shown as (what, value) rows. The name must be one an
    app declares in its portal.py's ``AUDIT_EVENTS``."""
    from core.portal import audit_events

    if name not in audit_events():
        raise ValueError(f"audit event {name!r} is declared in no app's portal.py AUDIT_EVENTS")
    changes = {key: [None, value] for key, value in (details or {}).items()}
    return record(action="event", event=name, instance=instance, changes=changes, actor=actor)


@lru_cache(maxsize=None)
def _field_labels(model) -> dict:
    """Column name → the field's (lazily translated) label, e.g. ``invited_by_id`` → 邀请人."""
    labels = {field.attname: capfirst(field.verbose_name) for field in model._meta.concrete_fields}
    labels.update({field.attname: capfirst(field.verbose_name) for field in model._meta.many_to_many})
    return labels


def content_type_label(content_type) -> str:
    """A kind of object by the name people know it by (成员单位), not its app and model."""
    model = content_type.model_class() if content_type is not None else None
    return str(capfirst(model._meta.verbose_name)) if model is not None else getattr(content_type, "model", "")


def change_rows(event) -> list[tuple[str, object, object]]:
    """An event's changes as (field label, before, after), as people read them (see
    ``readable_changes``)."""
    return readable_changes([event])[event.pk]


@lru_cache(maxsize=None)
def _fields(model) -> dict:
    fields = {field.attname: field for field in model._meta.concrete_fields}
    fields.update({field.attname: field for field in model._meta.many_to_many})
    return fields


def _model_of(event):
    return event.content_type.model_class() if event.content_type_id else None


def _target(field) -> tuple:
    """What a relation's recorded value names: (model, the column it matches) — the primary
    key, or the field a foreign key points at (``to_field``)."""
    model = field.related_model
    column = field.target_field.attname if field.many_to_one or field.one_to_one else model._meta.pk.attname
    return model, column


def _related_ids(value) -> list:
    if value is None or value == "" or value == MASK:
        return []
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


def _readable(field, value, names: dict):
    """One recorded value as people read it, in their language and the consortium's time zone."""
    if value is None or value == "" or value == MASK or field is None:
        return value
    if field.is_relation and field.related_model is not None:
        found = names.get(_target(field), {})
        shown = [found.get(item, f"#{item}") for item in _related_ids(value)]
        return "、".join(shown) if isinstance(value, list) else shown[0]
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        moment = parse_datetime(value)
        if moment is not None:
            return date_format(timezone.localtime(moment) if timezone.is_aware(moment) else moment, "Y-m-d H:i:s")
    return value


def readable_changes(events) -> dict[int, list[tuple[str, object, object]]]:
    """The changes of each event as (field label, before, after) for people to read: a
    choice by its label, yes or no, a related object by its name, a time in the
    consortium's time zone. Related objects are read in one query per model for all the
    events together. Fields a model no longer has keep their column name."""
    wanted: dict = defaultdict(set)
    for event in events:
        model = _model_of(event)
        if model is None or event.action == "event":
            continue
        fields = _fields(model)
        for name, pair in event.changes.items():
            field = fields.get(name)
            if field is not None and field.is_relation and field.related_model is not None:
                for value in pair:
                    wanted[_target(field)].update(_related_ids(value))
    names = {}
    for (related, column), ids in wanted.items():
        found = related._base_manager.filter(**{f"{column}__in": ids})
        names[(related, column)] = {str(getattr(obj, column)): str(obj) for obj in found}
    readable = {}
    for event in events:
        model = _model_of(event)
        labels = _field_labels(model) if model is not None else {}
        fields = _fields(model) if model is not None and event.action != "event" else {}
        readable[event.pk] = [
            (labels.get(name) or DETAIL_LABELS.get(name, name), *(_readable(fields.get(name), value, names) for value in pair))
            for name, pair in event.changes.items()
        ]
    return readable


def is_audited(model) -> bool:
    meta = model._meta
    return not meta.abstract and not meta.auto_created and meta.label_lower not in NOT_AUDITED


def audited_content_types():
    """The kinds of object the trail names, each by its own model (a proxy such as
    登录锁定 by its own name): what its filters offer, and nothing the trail never holds."""
    from django.contrib.contenttypes.models import ContentType

    audited = [model for model in apps.get_models() if is_audited(model)]
    kinds = ContentType.objects.get_for_models(*audited, for_concrete_models=False).values()
    return ContentType.objects.filter(pk__in=[kind.pk for kind in kinds])


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or not is_audited(sender) or instance._state.adding or instance.pk is None:
        return
    attnames = [field.attname for field in sender._meta.concrete_fields]
    instance._audit_before = sender._base_manager.filter(pk=instance.pk).values(*attnames).first()


def _after_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or not is_audited(sender):
        return
    after = _field_values(instance)
    if created:
        changes = {name: [None, value] for name, value in after.items() if value not in (None, "")}
        record(action="create", instance=instance, changes=changes)
        return
    before = getattr(instance, "_audit_before", None) or {}
    changes = {
        name: [before.get(name), value]
        for name, value in after.items()
        if name in before and before[name] != value
    }
    instance._audit_before = None
    if not set(changes) - IGNORED_FIELDS:
        return
    record(action="update", instance=instance, changes=changes)


def _after_delete(sender, instance, **kwargs):
    if not is_audited(sender):
        return
    record(action="delete", instance=instance, changes={name: [value, None] for name, value in _field_values(instance).items()})


def _m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """A many-to-many change, recorded on the object whose field it is, as its ids before and after."""
    if reverse or not is_audited(type(instance)):
        return
    field = next(
        (f for f in type(instance)._meta.many_to_many if f.remote_field.through is sender), None
    )
    if field is None:
        return
    if action.startswith("pre_"):
        instance._audit_m2m_before = sorted(getattr(instance, field.name).values_list("pk", flat=True))
        return
    before = getattr(instance, "_audit_m2m_before", None)
    after = sorted(getattr(instance, field.name).values_list("pk", flat=True))
    instance._audit_m2m_before = None
    if before is not None and before != after:
        record(action="update", instance=instance, changes={field.attname: [before, after]})


def _logged_in(sender, request, user, **kwargs):
    record(action="login", instance=user, actor=user)


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(action="logout", instance=user, actor=user)


def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    record(action="login_failed", object_repr=username or "?")


# The models whose writes the signals below record (filled by connect_signals).
CONNECTED: set[str] = set()


def connect_signals() -> None:
    for model in apps.get_models(include_auto_created=True):
        uid = f"audit:{model._meta.label_lower}"
        if model._meta.auto_created:
            m2m_changed.connect(_m2m_changed, sender=model, dispatch_uid=uid + ":m2m")
        if not is_audited(model):
            continue
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid + ":pre")
        post_save.connect(_after_save, sender=model, dispatch_uid=uid + ":post")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=uid + ":delete")
        CONNECTED.add(model._meta.label_lower)
    user_logged_in.connect(_logged_in, dispatch_uid="audit:login")
    user_logged_out.connect(_logged_out, dispatch_uid="audit:logout")
    user_login_failed.connect(_login_failed, dispatch_uid="audit:login_failed")

