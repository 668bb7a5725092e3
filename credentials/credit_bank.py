"""学分银行: the credit bank's services.

- The secretariat writes conversion rules (学分转换规则) and publishes or withdraws them.
- A student's credit account is opened on first use. ``credits_for(student)`` lists what each
  of their valid, logged credentials is worth under each published rule; ``earn_credits``
  records an EARNED movement the first time a credential earns credits by a rule (once per
  credential and rule, safe to call again). The credits are counted at the **issuing school**:
  that is the school that certified the achievement, and where the credits were earned; another
  school counts them only after recognising them (a RECOGNISED movement at that school).
- Revoking a credential reverses every movement it made (REVERSED, the credits negated) and
  refuses its pending recognition requests: ``reverse_credential`` is called by
  ``credentials.services.set_status``.
- A student asks another member school to recognise credits (学分互认); its administrators
  accept (a RECOGNISED movement at that school) or refuse with a reason.

Every movement is appended to the transparency log in the same transaction, as
``credit.earned``, ``credit.recognised`` or ``credit.reversed``."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record_event
from credentials import access
from credentials.models import (
    Credential,
    CreditAccount,
    CreditMovement,
    CreditRule,
    CredentialStatus,
    RecognitionRequest,
    RecognitionStatus,
)
from members.access import is_secretariat
from reference.models import Major
from transparency import services as log

LOG_KINDS = {
    CreditMovement.Kind.EARNED: "credit.earned",
    CreditMovement.Kind.RECOGNISED: "credit.recognised",
    CreditMovement.Kind.REVERSED: "credit.reversed",
}


# --- rules -------------------------------------------------------------------------------------


def published_rules() -> QuerySet:
    return CreditRule.objects.filter(published_at__isnull=False, withdrawn_at__isnull=True)


def major_names(codes) -> dict[str, str]:
    """Code → name (in the reader's language) of the given major codes."""
    return {major.code: major.name for major in Major.objects.filter(code__in=set(codes) - {""})}


def _check_major(field: str, code: str, *, lengths: tuple[int, ...]) -> None:
    if not code:
        return
    if not code.isdigit() or len(code) not in lengths:
        raise ValidationError({field: _("Give a major code of 6 digits, or the 2 or 4 digits of a family of majors.")})
    if not Major.objects.filter(code=code).exists():
        raise ValidationError({field: _("No major has the code %(code)s in the catalogue of majors.") % {"code": code}})


def _check_rights(actor) -> None:
    if not access.can_manage_credit_rules(actor):
        raise PermissionDenied


@transaction.atomic
def rule_save(*, rule: CreditRule, actor) -> CreditRule:
    """Create or change a rule. A published rule is withdrawn before it is changed, so that
    what earned credits under it stays as it was."""
    _check_rights(actor)
    if rule.pk and CreditRule.objects.filter(pk=rule.pk, published_at__isnull=False, withdrawn_at__isnull=True).exists():
        raise ValidationError(_("Withdraw the published rule before changing it."))
    rule.level = (rule.level or "").strip()
    _check_major("achievement_major", rule.achievement_major, lengths=(2, 4, 6))
    _check_major("target_major", rule.target_major, lengths=(2, 4, 6))
    if not rule.target_major:
        raise ValidationError({"target_major": _("Say in which major or family the credits count.")})
    if rule.credits is None or rule.credits <= 0:
        raise ValidationError({"credits": _("Give a number of credits above zero.")})
    rule.save()
    return rule


@transaction.atomic
def rule_publish(*, rule: CreditRule, actor) -> CreditRule:
    _check_rights(actor)
    rule = CreditRule.objects.select_for_update().get(pk=rule.pk)
    if rule.published_at and not rule.withdrawn_at:
        return rule
    rule.published_at = timezone.now()
    rule.withdrawn_at = None
    rule.save(update_fields=["published_at", "withdrawn_at"])
    record_event("credit_rule.published", instance=rule, actor=actor, details={"rule": str(rule)})
    return rule


@transaction.atomic
def rule_withdraw(*, rule: CreditRule, actor) -> CreditRule:
    """Withdrawn, a rule earns no new credits; what it earned stays."""
    _check_rights(actor)
    rule = CreditRule.objects.select_for_update().get(pk=rule.pk)
    if not rule.published_at or rule.withdrawn_at:
        return rule
    rule.withdrawn_at = timezone.now()
    rule.save(update_fields=["withdrawn_at"])
    record_event("credit_rule.withdrawn", instance=rule, actor=actor, details={"rule": str(rule)})
    return rule


def rule_matches(rule: CreditRule, achievement) -> bool:
    """Kind equal; level equal unless the rule names none; the credential's major within the
    rule's major (or family) unless the rule names none."""
    return (
        rule.kind == achievement.kind
        and (not rule.level or rule.level == achievement.level)
        and (not rule.achievement_major or (achievement.major_code or "").startswith(rule.achievement_major))
    )


# --- earning -------------------------------------------------------------------------------------


@dataclass
class Earning:
    credential: Credential
    rule: CreditRule

    @property
    def credits(self) -> Decimal:
        return self.rule.credits


def counting_credentials(student) -> QuerySet:
    """The student's credentials that count: valid (not revoked, suspended or expired) and
    entered in the transparency log."""
    now = timezone.now()
    return (
        Credential.objects.filter(holder=student, status=CredentialStatus.ACTIVE, log_index__isnull=False)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=now))
        .select_related("achievement", "issuer")
    )


def credits_for(student) -> list[Earning]:
    """Each of the student's counting credentials × each published rule it matches."""
    rules = list(published_rules())
    return [
        Earning(credential, rule)
        for credential in counting_credentials(student)
        for rule in rules
        if rule_matches(rule, credential.achievement)
    ]


def movement_digest(movement: CreditMovement) -> str:
    from credentials.services import digest_of_document

    return digest_of_document({
        "account": movement.account.holder_id,
        "kind": movement.kind,
        "credential": str(movement.credential.uuid),
        "school": movement.school_id,
        "major": movement.major,
        "credits": str(movement.credits),
        "rule": movement.rule_id,
        "request": movement.request_id,
        "reverses": movement.reverses_id,
        "at": movement.at.isoformat(),
    })


def movement_ref(movement: CreditMovement) -> str:
    return f"credentials.creditmovement:{movement.pk}"


def digest_of_ref(obj_ref: str) -> str | None:
    """The digest of a logged movement as its row is now (None when gone)."""
    try:
        pk = int(obj_ref.rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return None
    movement = (CreditMovement.objects.select_related("account", "credential").filter(pk=pk).first())
    return movement_digest(movement) if movement else None


def _record(movement: CreditMovement) -> CreditMovement:
    movement.save()
    entry = log.append(kind=LOG_KINDS[movement.kind], obj_ref=movement_ref(movement),
                       digest=movement_digest(movement), actor_organization=movement.school)
    movement.log_index = entry.index
    movement.save(update_fields=["log_index"])
    return movement


@transaction.atomic
def open_account(*, student) -> CreditAccount:
    """The student's account, opened on first use (safe to call again)."""
    account, _created = CreditAccount.objects.get_or_create(holder=student)
    return account


@transaction.atomic
def earn_credits(*, student, actor) -> list[CreditMovement]:
    """Record an EARNED movement for each credential × rule of ``credits_for`` not yet
    recorded; returns the new ones (none when called again)."""
    if actor is not None and actor.pk != student.pk and not is_secretariat(actor):
        raise PermissionDenied
    account = open_account(student=student)
    CreditAccount.objects.select_for_update().get(pk=account.pk)  # one earner at a time
    done = set(
        CreditMovement.objects.filter(account=account, kind=CreditMovement.Kind.EARNED)
        .values_list("credential_id", "rule_id")
    )
    fresh = []
    for earning in credits_for(student):
        if (earning.credential.pk, earning.rule.pk) in done:
            continue
        fresh.append(_record(CreditMovement(
            account=account, kind=CreditMovement.Kind.EARNED, credential=earning.credential,
            school=earning.credential.issuer, major=earning.rule.target_major, credits=earning.rule.credits,
            rule=earning.rule,
        )))
    return fresh


@transaction.atomic
def reverse_credential(*, credential: Credential, actor) -> list[CreditMovement]:
    """Take back every credit the (revoked) credential brought — each EARNED or RECOGNISED
    movement gets one REVERSED movement — and refuse its pending recognition requests.
    Safe to call again."""
    movements = (
        CreditMovement.objects.filter(credential=credential, reversal__isnull=True)
        .exclude(kind=CreditMovement.Kind.REVERSED)
        .select_related("account", "school", "credential")
    )
    reversed_ = [
        _record(CreditMovement(
            account=movement.account, kind=CreditMovement.Kind.REVERSED, credential=credential,
            school=movement.school, major=movement.major, credits=-movement.credits, rule=movement.rule,
            reverses=movement,
        ))
        for movement in movements
    ]
    now = timezone.now()
    RecognitionRequest.objects.filter(credential=credential, status=RecognitionStatus.PENDING).update(
        status=RecognitionStatus.REFUSED, decided_at=now,
        reason=_("The credential was revoked by its issuer."),
    )
    return reversed_


# --- the account ---------------------------------------------------------------------------------


def balances(account: CreditAccount) -> list[dict]:
    """The balance by school and major, leaving out what adds up to nothing:
    [{"school_id": id, "school__name_zh": …, "school__name_en": …, "major": code, "total": n}]."""
    from django.db.models import Sum

    rows = (
        CreditMovement.objects.filter(account=account)
        .values("school_id", "school__name_zh", "school__name_en", "major")
        .annotate(total=Sum("credits"))
        .order_by("school__name_zh", "major")
    )
    return [row for row in rows if row["total"]]


def recognisable(student) -> QuerySet:
    """The student's EARNED movements that are not reversed: what they may ask to recognise."""
    return (
        CreditMovement.objects.filter(account__holder=student, kind=CreditMovement.Kind.EARNED,
                                      reversal__isnull=True, credential__status=CredentialStatus.ACTIVE)
        .select_related("credential__achievement", "school", "rule")
    )


# --- recognition (学分互认) ------------------------------------------------------------------------


@transaction.atomic
def request_recognition(*, student, movement: CreditMovement, school, actor) -> RecognitionRequest:
    """The student asks ``school`` (a member school not their own) to recognise the credits
    of one EARNED movement. Once per credential and school while pending or accepted."""
    if actor is None or actor.pk != student.pk or not access.has_credit_account(student):
        raise PermissionDenied
    if movement.account.holder_id != student.pk or movement.kind != CreditMovement.Kind.EARNED:
        raise PermissionDenied
    if not recognisable(student).filter(pk=movement.pk).exists():
        raise ValidationError({"movement": _("These credits can no longer be recognised: the credential is not valid.")})
    if not access.recognition_schools(student).filter(pk=school.pk).exists():
        raise ValidationError({"school": _("Choose a member school other than your own.")})
    if movement.school_id == school.pk:
        raise ValidationError({"school": _("These credits already count at that school.")})
    if RecognitionRequest.objects.filter(
        credential=movement.credential, school=school,
        status__in=[RecognitionStatus.PENDING, RecognitionStatus.ACCEPTED],
    ).exists():
        raise ValidationError({"school": _("You have already asked that school to recognise this credential.")})
    request = RecognitionRequest.objects.create(
        account=movement.account, credential=movement.credential, school=school, rule=movement.rule,
        credits=movement.credits,
    )
    record_event("credit.recognition_requested", instance=request, actor=actor,
                 details={"school": school.name_zh, "credits": str(request.credits)})
    return request


@transaction.atomic
def decide_recognition(*, request: RecognitionRequest, actor, accept: bool, reason: str = "") -> RecognitionRequest:
    """The school's administrators accept (a RECOGNISED movement at their school, logged) or
    refuse with a reason, which the student sees."""
    if not access.can_decide_recognition(actor, request):
        raise PermissionDenied
    request = RecognitionRequest.objects.select_for_update(of=("self",)).select_related(
        "credential", "school", "rule", "account").get(pk=request.pk)
    if request.status != RecognitionStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError({"reason": _("Give the reason; the student will see it.")})
    if accept and request.credential.status != CredentialStatus.ACTIVE:
        raise ValidationError(_("The credential is no longer valid; it cannot be recognised."))
    request.status = RecognitionStatus.ACCEPTED if accept else RecognitionStatus.REFUSED
    request.decided_at = timezone.now()
    request.decided_by = actor
    request.reason = reason
    request.save(update_fields=["status", "decided_at", "decided_by", "reason"])
    if accept:
        _record(CreditMovement(
            account=request.account, kind=CreditMovement.Kind.RECOGNISED, credential=request.credential,
            school=request.school, major=request.rule.target_major if request.rule else "",
            credits=request.credits, rule=request.rule, request=request,
        ))
    record_event("credit.recognised" if accept else "credit.recognition_refused", instance=request, actor=actor,
                 details={"reason": reason} if reason else {"credits": str(request.credits)})
    return request
