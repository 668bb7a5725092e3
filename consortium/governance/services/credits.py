"""Responsibility credits (教育责任积分): recording contributions, earning, redeeming, correcting.

- ``core.events.contribution`` (sent by the talent platform, later by training) is received by
  ``contribution_record``: the contribution is recorded once per kind and source (safe to send
  again) and, when a published rule of its kind is in force on the day it happened, credited
  under it at once. A contribution recorded before its rule existed is credited later by the
  secretariat (``contributions_credit``).
- Every credit movement is a new ``CreditEntry`` appended under a lock on the account row
  (``select_for_update``): the balance kept on the account and each entry's balance after it can
  never go below zero (checked here, and by CHECK constraints). Entries are never changed or
  deleted; a mistake is corrected by a reversing or adjusting entry.
- Each entry is appended to the transparency log in the same transaction as
  ``responsibility_credit.<kind>``, its object the account and the entry's number in it.
- An organisation's administrators ask to redeem credits under an open subsidy scheme; a
  government officer approves (a REDEEMED entry takes the credits) or refuses with a reason.
"""

from __future__ import annotations

import hashlib
import json

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from consortium.governance.access import credits as access
from consortium.governance.models import (
    LEDGER_APPEND_ONLY_SQL,
    Contribution,
    ContributionKind,
    CreditAccount,
    CreditEntry,
    CreditRule,
    EntryKind,
    Redemption,
    RedemptionStatus,
    SubsidyScheme,
)
from core import events
from core.audit import record_event
from members import access as members_access
from members.models import Organization, Role
from transparency import services as log

LOG_KINDS = {kind: f"responsibility_credit.{kind}" for kind in EntryKind.values}


# --- the ledger ----------------------------------------------------------------------------------


def entry_ref(account_id: int, number: int) -> str:
    return f"governance.creditentry:{account_id}-{number}"


def entry_document(entry: CreditEntry) -> dict:
    """What the transparency log vouches for: the entry as written, named by natural keys."""
    contribution = entry.contribution
    return {
        "organization": entry.account.organization_id,
        "number": entry.number,
        "kind": entry.kind,
        "amount": entry.amount,
        "balance_after": entry.balance_after,
        "rule": entry.rule.code if entry.rule_id else None,
        "contribution": None if contribution is None else {
            "kind": contribution.kind, "source": f"{contribution.source_type_id}:{contribution.source_id}",
            "quantity": contribution.quantity, "occurred_on": contribution.occurred_on.isoformat(),
        },
        "redemption": entry.redemption_id,
        "reverses": entry.reverses.number if entry.reverses_id else None,
        "by": entry.by_id,
        "at": entry.at.isoformat(),
        "note": entry.note,
    }


def entry_digest(entry: CreditEntry) -> str:
    data = json.dumps(entry_document(entry), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(data.encode()).hexdigest()


def digest_of_ref(obj_ref: str) -> str | None:
    """The digest of a logged ledger entry as its row is now (None when gone)."""
    try:
        account_id, number = (int(part) for part in obj_ref.rsplit(":", 1)[1].split("-"))
    except (IndexError, ValueError):
        return None
    entry = (CreditEntry.objects.select_related("account", "rule", "contribution", "reverses")
             .filter(account_id=account_id, number=number).first())
    return entry_digest(entry) if entry else None


def _locked_account(organization_id: int) -> CreditAccount:
    """The organisation's account, opened on first use, its row locked until the transaction ends."""
    account = CreditAccount.objects.select_for_update().filter(organization_id=organization_id).first()
    if account is None:
        CreditAccount.objects.bulk_create([CreditAccount(organization_id=organization_id)], ignore_conflicts=True)
        account = CreditAccount.objects.select_for_update().get(organization_id=organization_id)
    return account


def _append(account: CreditAccount, *, kind: str, amount: int, by=None, note: str = "", **sources) -> CreditEntry:
    """Append one entry to the locked ``account`` and log it. Refuses to take the balance below zero."""
    balance = account.balance + amount
    if balance < 0:
        raise ValidationError({"credits": _("The account holds %(balance)s credits; this would take it below zero.")
                               % {"balance": account.balance}})
    entry = CreditEntry(account=account, number=account.entry_count + 1, kind=kind, amount=amount,
                        balance_after=balance, by=by, note=note, at=timezone.now().replace(microsecond=0), **sources)
    logged = log.append(kind=LOG_KINDS[kind], obj_ref=entry_ref(account.pk, entry.number), digest=entry_digest(entry),
                        actor_organization=_acting_organization(by))
    entry.log_index = logged.index
    entry.save()
    account.balance, account.entry_count = balance, entry.number
    CreditAccount.objects.filter(pk=account.pk).update(balance=balance, entry_count=entry.number)
    return entry


def _acting_organization(user):
    """The organisation that acted, for the log: the secretariat's or the officer's own."""
    if user is None:
        return None
    p = members_access.profile(user)
    ids = sorted(p.orgs_with_role(Role.SECRETARIAT, Role.OFFICER)) or sorted(p.active_organization_ids)
    return Organization.objects.filter(pk=ids[0]).first() if ids else None


# --- rules ---------------------------------------------------------------------------------------


def _overlapping(kind: str, valid_from, valid_to, *, exclude=None):
    rules = CreditRule.objects.published().filter(kind=kind).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    if valid_to is not None:
        rules = rules.filter(valid_from__lte=valid_to)
    return rules.exclude(pk=exclude) if exclude else rules


@transaction.atomic
def rule_publish(*, actor, code: str, title: str, kind: str, credits_per_unit: int, valid_from,
                 valid_to=None) -> CreditRule:
    """Write and publish a rule. Two published rules of one kind never cover the same day, so a
    contribution earns under one rule at most."""
    if not access.can_manage_rules(actor):
        raise PermissionDenied
    errors = {}
    code, title = (code or "").strip(), (title or "").strip()
    if not code:
        errors["code"] = _("Give the rule a short code.")
    elif CreditRule.objects.filter(code=code).exists():
        errors["code"] = _("Another rule has this code.")
    if not title:
        errors["title"] = _("Give the rule a title.")
    if kind not in ContributionKind.values:
        errors["kind"] = _("Choose a kind of contribution.")
    if not credits_per_unit or credits_per_unit <= 0:
        errors["credits_per_unit"] = _("Give a number of credits per unit above zero.")
    if valid_from is None:
        errors["valid_from"] = _("Say from which day the rule is valid.")
    elif valid_to is not None and valid_to < valid_from:
        errors["valid_to"] = _("The rule must end on or after the day it starts.")
    if errors:
        raise ValidationError(errors)
    list(CreditRule.objects.select_for_update().filter(kind=kind))  # one publisher per kind at a time
    clash = _overlapping(kind, valid_from, valid_to).first()
    if clash is not None:
        raise ValidationError({"valid_from": _("The rule %(code)s already covers part of this period; withdraw it or "
                                               "choose other dates.") % {"code": clash.code}})
    rule = CreditRule.objects.create(code=code, title=title, kind=kind, credits_per_unit=credits_per_unit,
                                     valid_from=valid_from, valid_to=valid_to, published_at=timezone.now(),
                                     published_by=actor)
    record_event("credits.rule_published", instance=rule, actor=actor,
                 details={"rule": str(rule), "credits": rule.credits_per_unit})
    return rule


@transaction.atomic
def rule_withdraw(*, rule: CreditRule, actor) -> CreditRule:
    """A withdrawn rule earns nothing more; what it earned stays. Safe to call twice."""
    if not access.can_manage_rules(actor):
        raise PermissionDenied
    rule = CreditRule.objects.select_for_update().get(pk=rule.pk)
    if not rule.is_active:
        return rule
    rule.is_active = False
    rule.withdrawn_at = timezone.now()
    rule.save(update_fields=["is_active", "withdrawn_at"])
    record_event("credits.rule_withdrawn", instance=rule, actor=actor, details={"rule": str(rule)})
    return rule


# --- contributions and earning -------------------------------------------------------------------


def rule_in_force(kind: str, on) -> CreditRule | None:
    return CreditRule.objects.in_force(kind, on).order_by("-valid_from").first()


def _earn(contribution: Contribution, rule: CreditRule, *, by=None) -> CreditEntry | None:
    """An EARNED entry for the contribution under the rule, unless it has one (then None)."""
    account = _locked_account(contribution.organization_id)
    if CreditEntry.objects.filter(contribution=contribution, rule=rule, kind=EntryKind.EARNED).exists():
        return None
    return _append(account, kind=EntryKind.EARNED, amount=rule.credits_per_unit * contribution.quantity, by=by,
                   contribution=contribution, rule=rule)


@transaction.atomic
def contribution_record(*, kind: str, organization, source, quantity: int, occurred_on) -> Contribution:
    """Record what ``organization`` did (once per kind and source: sending it again changes
    nothing) and credit it under the rule in force on ``occurred_on``, if any."""
    if kind not in ContributionKind.values:
        raise ValueError(f"unknown kind of contribution {kind!r}: one of {', '.join(ContributionKind.values)}")
    if source is None or source.pk is None:
        raise ValueError("a contribution's source is a saved row")
    quantity = int(quantity)
    if quantity < 1:
        raise ValueError("a contribution's quantity is a positive whole number")
    contribution, created = Contribution.objects.get_or_create(
        kind=kind, source_type=ContentType.objects.get_for_model(source), source_id=source.pk,
        defaults={"organization": organization, "quantity": quantity, "occurred_on": occurred_on},
    )
    if created:
        rule = rule_in_force(kind, occurred_on)
        if rule is not None:
            _earn(contribution, rule)
    return contribution


@receiver(events.contribution, dispatch_uid="governance.credits.contribution")
def _on_contribution(sender, *, kind, organization, source, quantity, occurred_on, **kwargs):
    contribution_record(kind=kind, organization=organization, source=source, quantity=quantity,
                        occurred_on=occurred_on)


def uncredited_contributions():
    """Contributions no rule has credited (that earn nothing yet)."""
    return Contribution.objects.exclude(entries__kind=EntryKind.EARNED)


@transaction.atomic
def contributions_credit(*, contributions, rule: CreditRule, actor) -> list[CreditEntry]:
    """The secretariat credits contributions recorded before ``rule`` existed under it. Each
    earns once under a rule (crediting again changes nothing); the rule must be published, in
    force and of the contributions' kind."""
    if not access.can_credit_contributions(actor):
        raise PermissionDenied
    rule = CreditRule.objects.get(pk=rule.pk)
    if not (rule.published_at and rule.is_active):
        raise ValidationError({"rule": _("Choose a published rule that has not been withdrawn.")})
    contributions = list(contributions)
    wrong = [c for c in contributions if c.kind != rule.kind]
    if wrong:
        raise ValidationError({"rule": _("The rule %(code)s credits “%(kind)s”; some contributions chosen are of another "
                                         "kind.") % {"code": rule.code, "kind": rule.get_kind_display()}})
    entries = []
    for contribution in sorted(contributions, key=lambda c: c.pk):
        entry = _earn(contribution, rule, by=actor)
        if entry is not None:
            entries.append(entry)
            record_event("credits.contribution_credited", instance=contribution, actor=actor,
                         details={"rule": str(rule), "credits": entry.amount})
    return entries


# --- corrections ---------------------------------------------------------------------------------


@transaction.atomic
def entry_reverse(*, entry: CreditEntry, actor, reason: str) -> CreditEntry:
    """The secretariat takes back an earned or adjusting entry (a REVERSED entry of the opposite
    amount), with the reason. Refused when the credits were already spent."""
    if not access.can_correct_ledger(actor):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason; the organisation will see it.")})
    entry = CreditEntry.objects.select_related("account").get(pk=entry.pk)
    account = _locked_account(entry.account.organization_id)
    if entry.kind not in (EntryKind.EARNED, EntryKind.ADJUSTED):
        raise ValidationError(_("Only earned or adjusting entries can be reversed."))
    if CreditEntry.objects.filter(reverses=entry).exists():
        raise ValidationError(_("This entry has already been reversed."))
    reversal = _append(account, kind=EntryKind.REVERSED, amount=-entry.amount, by=actor, note=reason, reverses=entry,
                       rule=entry.rule, contribution=entry.contribution)
    record_event("credits.entry_reversed", instance=reversal, actor=actor,
                 details={"credits": reversal.amount, "reason": reason})
    return reversal


@transaction.atomic
def entry_adjust(*, organization, amount: int, note: str, actor) -> CreditEntry:
    """The secretariat adds or takes credits by hand (an ADJUSTED entry), with the reason."""
    if not access.can_correct_ledger(actor):
        raise PermissionDenied
    note = (note or "").strip()
    if not amount:
        raise ValidationError({"amount": _("Give a number of credits other than zero.")})
    if not note:
        raise ValidationError({"note": _("Give the reason; the organisation will see it.")})
    entry = _append(_locked_account(organization.pk), kind=EntryKind.ADJUSTED, amount=amount, by=actor, note=note)
    record_event("credits.entry_adjusted", instance=entry, actor=actor, details={"credits": amount, "note": note})
    return entry


# --- subsidy schemes and redemptions ----------------------------------------------------------------


@transaction.atomic
def scheme_publish(*, actor, title: str, description: str, credits_per_unit: int, value_per_unit, opens_on,
                   closes_on=None) -> SubsidyScheme:
    """Publish a subsidy scheme (the secretariat or a government officer)."""
    if not access.can_manage_schemes(actor):
        raise PermissionDenied
    errors = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Give the scheme a title.")
    if not credits_per_unit or credits_per_unit <= 0:
        errors["credits_per_unit"] = _("Give a number of credits per unit above zero.")
    if value_per_unit is None or value_per_unit <= 0:
        errors["value_per_unit"] = _("Give an amount in yuan above zero.")
    if opens_on is None:
        errors["opens_on"] = _("Say from which day the scheme is open.")
    elif closes_on is not None and closes_on < opens_on:
        errors["closes_on"] = _("The scheme must close on or after the day it opens.")
    if errors:
        raise ValidationError(errors)
    scheme = SubsidyScheme.objects.create(
        title=title, description=(description or "").strip(), credits_per_unit=credits_per_unit,
        value_per_unit=value_per_unit, opens_on=opens_on, closes_on=closes_on,
        publisher=_acting_organization(actor), published_by=actor, published_at=timezone.now(),
    )
    record_event("credits.scheme_published", instance=scheme, actor=actor, details={"title": scheme.title})
    return scheme


def pending_credits(account: CreditAccount) -> int:
    return account.redemptions.filter(status=RedemptionStatus.REQUESTED).aggregate(n=Sum("credits"))["n"] or 0


@transaction.atomic
def redemption_request(*, actor, organization, scheme: SubsidyScheme, credits: int, note: str = "") -> Redemption:
    """An organisation's administrator asks to redeem ``credits`` (a whole number of the scheme's
    units) under an open scheme; what is asked and not yet decided is held back from the balance."""
    if not access.can_request_redemption(actor, organization):
        raise PermissionDenied
    scheme = SubsidyScheme.objects.get(pk=scheme.pk)
    if not scheme.is_open():
        raise ValidationError({"scheme": _("This scheme is not open for requests.")})
    if not credits or credits <= 0 or credits % scheme.credits_per_unit:
        raise ValidationError({"credits": _("Ask for a whole number of units of %(n)s credits.")
                               % {"n": scheme.credits_per_unit}})
    account = _locked_account(organization.pk)
    available = account.balance - pending_credits(account)
    if credits > available:
        raise ValidationError({"credits": _("Your organisation has %(available)s credits available (balance less "
                                            "requests not yet decided).") % {"available": max(available, 0)}})
    redemption = Redemption.objects.create(
        account=account, scheme=scheme, credits=credits, value=scheme.value_per_unit * (credits // scheme.credits_per_unit),
        note=(note or "").strip(), requested_by=actor,
    )
    record_event("credits.redemption_requested", instance=redemption, actor=actor,
                 details={"credits": credits, "title": scheme.title})
    return redemption


@transaction.atomic
def redemption_decide(*, redemption: Redemption, actor, approve: bool, reason: str = "") -> Redemption:
    """A government officer approves (a REDEEMED entry takes the credits, the account locked so
    that two approvals never overdraw it) or refuses with a reason."""
    if not access.can_decide_redemptions(actor):
        raise PermissionDenied
    redemption = Redemption.objects.select_for_update().get(pk=redemption.pk)
    if redemption.status != RedemptionStatus.REQUESTED:
        raise ValidationError(_("This request has already been decided."))
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError({"reason": _("Give the reason; the organisation will see it.")})
    account = CreditAccount.objects.select_for_update().get(pk=redemption.account_id)
    if approve:
        _append(account, kind=EntryKind.REDEEMED, amount=-redemption.credits, by=actor, redemption=redemption,
                note=reason)
    redemption.status = RedemptionStatus.APPROVED if approve else RedemptionStatus.REFUSED
    redemption.decided_by, redemption.decided_at, redemption.reason = actor, timezone.now(), reason
    redemption.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    record_event("credits.redemption_approved" if approve else "credits.redemption_refused", instance=redemption,
                 actor=actor, details={"credits": redemption.credits, **({"reason": reason} if reason else {})})
    return redemption


# The ledger is append-only in PostgreSQL too: migration governance 0002 installs LEDGER_APPEND_ONLY_SQL.


def install_ledger_trigger(using: str = "default") -> None:
    """Make PostgreSQL refuse any UPDATE or DELETE of a ledger entry (as the migration does; safe to run again)."""
    from django.db import connections

    if connections[using].vendor == "postgresql":
        with connections[using].cursor() as cursor:
            cursor.execute(LEDGER_APPEND_ONLY_SQL)
