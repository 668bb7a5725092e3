"""The credentials area's rules in the security matrix (see ``tests/matrix.py``).

The issuing pages belong to a school's administrators and the secretariat: among the personas
only the secretariat issues (for the school); everyone else finds nothing there, the anonymous
visitor is sent to sign in. What verifiers fetch (DID documents, status lists) is public, and
so are the verify page and a credential's public pages; the wallet is its holder's alone."""

from credentials import services
from credentials.models import Achievement, AchievementKind, Credential, IssuanceBatch, IssuerKey
from tests.matrix import api, everyone, page, personas, signed_in

ISSUERS_ONLY = personas(404, anonymous=302, secretariat=200)


def _achievement(w):
    school = w.orgs["school"]
    achievement, _created = Achievement.objects.get_or_create(
        issuer=school, name="机电一体化技术专业毕业", level="",
        defaults={"kind": AchievementKind.DIPLOMA, "description": "准予毕业。", "criteria": "修满学分。"},
    )
    return achievement


def _credential(w):
    achievement = _achievement(w)
    credential = Credential.objects.filter(achievement=achievement).first()
    if credential is None:
        credential = services.issue_credential(achievement=achievement, holder=w.users["student"], actor=None)
    return credential


def school(w, t):
    return {"org": w.orgs["school"].pk}


def an_achievement(w, t):
    return {"org": w.orgs["school"].pk, "pk": _achievement(w).pk}


def a_credential(w, t):
    return {"uuid": _credential(w).uuid}


def suspending(w, t):
    return {"uuid": _credential(w).uuid, "action": "suspend"}


def a_status_list(w, t):
    credential = _credential(w)
    return {"organization_id": credential.issuer_id, "purpose": "revocation", "number": 1}


def a_did(w, t):
    _credential(w)
    return {"organization_id": w.orgs["school"].pk}


def a_batch(w, t):
    achievement = _achievement(w)
    batch = IssuanceBatch.objects.create(achievement=achievement, created_by=w.users["secretariat"],
                                         rows=[{"holder": w.users["student"].pk}], total=1)
    return {"pk": batch.pk}


def credential_state(w, t):
    return list(Credential.objects.values_list("pk", "status"))


def key_state(w, t):
    return list(IssuerKey.objects.values_list("pk", "retired_at"))


def achievement_state(w, t):
    return list(Achievement.objects.values_list("pk", "name", "is_active"))


NEW_ACHIEVEMENT = {"kind": "course", "name": "PLC 编程课程", "description": "课程结业。", "criteria": "考核合格。",
                   "is_active": "on"}

RULES = {
    "did_document": (
        page(kwargs=a_did, expect={"any": everyone(200)}),
    ),
    "credentials:status_list": (page(kwargs=a_status_list, expect={"any": everyone(200)}),),
    "credentials:issuing": (page(expect={"any": personas(403, anonymous=302, secretariat=200)}),),
    "credentials:issued_list": (page(kwargs=school, expect={"any": ISSUERS_ONLY}),),
    "credentials:achievement_list": (page(kwargs=school, expect={"any": ISSUERS_ONLY}),),
    "credentials:achievement_create": (
        page(kwargs=school, expect={"any": ISSUERS_ONLY}),
        page(kwargs=school, method="post", data=NEW_ACHIEVEMENT, state=achievement_state,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "credentials:achievement_edit": (
        page(kwargs=an_achievement, expect={"any": ISSUERS_ONLY}),
        page(kwargs=an_achievement, method="post", data=NEW_ACHIEVEMENT, state=achievement_state,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "credentials:issue": (page(kwargs=school, expect={"any": ISSUERS_ONLY}),),
    "credentials:batch_create": (page(kwargs=school, expect={"any": ISSUERS_ONLY}),),
    "credentials:key_list": (page(kwargs=school, expect={"any": ISSUERS_ONLY}),),
    "credentials:key_rotate": (
        page(kwargs=school, expect={"any": ISSUERS_ONLY}),
        page(kwargs=school, method="post", state=key_state,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "credentials:batch_detail": (page(kwargs=a_batch, expect={"any": ISSUERS_ONLY}),),
    "credentials:batch_progress": (page(kwargs=a_batch, expect={"any": ISSUERS_ONLY}),),
    "credentials:issued_credential": (page(kwargs=a_credential, expect={"any": ISSUERS_ONLY}),),
    "credentials:credential_status": (
        page(kwargs=suspending, expect={"any": ISSUERS_ONLY}),
        page(kwargs=suspending, method="post", data={"reason": "核查中。"}, state=credential_state,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
}



# --- the API ---------------------------------------------------------------------------------------


def credential_count(w, t):
    return Credential.objects.count()


RULES.update({
    "credential-list": (
        api(expect={"any": signed_in(200, anonymous=401)}),
        # No one issues an achievement that is not their school's (the ids name none).
        api(method="post", data={"achievement": 999999, "holder": 1}, state=credential_count,
            expect={"any": signed_in(403, anonymous=401)}),
    ),
    "credential-detail": (
        # The student holds it; the secretariat sees every school's; nobody else finds it.
        api(kwargs=a_credential, expect={"any": personas(404, anonymous=401, student=200, secretariat=200)}),
    ),
    "credential-change-status": (
        api(kwargs=a_credential, method="post", data={"status": "suspended", "reason": "核查中。"},
            state=credential_state,
            expect={"any": personas(404, anonymous=401, student=403, secretariat=200)}),
    ),
})


# --- holders and verifiers: the verify page, a credential's public pages, the wallet, the API -----------


def _students_credential(w, t) -> Credential:
    """A credential of the school's student, issued anew whenever the last persona's request
    was rolled back with it."""
    from credentials.tests.factories import issue

    cached = getattr(w, "_credential", None)
    if cached is None or not Credential.objects.filter(pk=cached.pk).exists():
        achievement, _created = Achievement.objects.get_or_create(
            issuer=w.orgs["school"], name="矩阵专业毕业", level="", defaults={
                "kind": AchievementKind.DIPLOMA, "description": "完成学业。", "criteria": "修满学分。"})
        w._credential = issue(achievement, w.users["student"])
    return w._credential


def credential_uuid(w, t):
    return {"uuid": _students_credential(w, t).uuid}


def share_token(w, t):
    return {"token": _students_credential(w, t).share_token}


def share_token_state(w, t):
    return Credential.objects.filter(pk=_students_credential(w, t).pk).values_list("share_token", flat=True).get()


HOLDER_ONLY = {"any": personas(404, anonymous=302, student=200)}

RULES.update({
    # Public: anyone verifies, and anyone with a certificate's QR code or a share link sees it.
    "credentials:verify": (
        page(expect={"any": everyone(200)}),
        page(method="post", data={"document": "{}"}, expect={"any": everyone(200)}),
    ),
    "credentials:verify_issued": (page(kwargs=credential_uuid, expect={"any": everyone(200)}),),
    "credentials:shared": (page(kwargs=share_token, expect={"any": everyone(200)}),),
    # The wallet: those who may hold credentials; a credential only to its holder.
    "credentials:wallet": (page(expect={"any": signed_in(403, anonymous=302) | {"student": 200, "teacher": 200}}),),
    "credentials:wallet_detail": (page(kwargs=credential_uuid, expect=HOLDER_ONLY),),
    "credentials:wallet_json": (page(kwargs=credential_uuid, expect=HOLDER_ONLY),),
    "credentials:wallet_pdf": (page(kwargs=credential_uuid, expect=HOLDER_ONLY),),
    "credentials:wallet_share": (
        page(kwargs=credential_uuid, expect={"any": personas(405, anonymous=302)}),
        page(kwargs=credential_uuid, method="post", state=share_token_state,
             expect={"any": personas(404, anonymous=302, student=302)}),
    ),
    "credential-verify-list": (
        api(expect={"any": everyone(405)}),
        api(method="post", data={"credential": {"type": ["VerifiableCredential"]}}, expect={"any": everyone(200)}),
    ),
})
# --- end of holders and verifiers -------------------------------------------------------------------------


# --- the credit bank (学分银行) -------------------------------------------------------------
# Rules are public; the secretariat alone writes them. The credit account is the student's;
# the recognition queue belongs to the administrators of the school a request is addressed
# to — no persona administers a school, so everyone finds nothing there.


def _credit_rule(w):
    from credentials.models import CreditRule

    rule, _created = CreditRule.objects.get_or_create(
        kind=AchievementKind.DIPLOMA, achievement_major="460301", target_major="4603", defaults={"credits": 10})
    return rule


def a_credit_rule(w, t):
    return {"pk": _credit_rule(w).pk}


def publishing_a_rule(w, t):
    return {"pk": _credit_rule(w).pk, "action": "publish"}


def a_published_rule(w, t):
    from credentials.models import CreditRule
    from django.utils import timezone

    rule = _credit_rule(w)
    CreditRule.objects.filter(pk=rule.pk).update(published_at=timezone.now(), withdrawn_at=None)
    return {"pk": rule.pk}


def a_credit_movement(w, t):
    from credentials.models import CreditMovement

    a_recognition_request(w, t)
    return {"pk": CreditMovement.objects.filter(kind="earned").first().pk}


def credit_rule_state(w, t):
    from credentials.models import CreditRule

    return list(CreditRule.objects.values_list("pk", "credits", "published_at", "withdrawn_at"))


def a_recognition_request(w, t):
    from credentials import credit_bank
    from credentials.models import CreditMovement, RecognitionRequest

    request = RecognitionRequest.objects.first()
    if request is None:
        credential = _credential(w)
        rule = _credit_rule(w)
        account = credit_bank.open_account(student=credential.holder)
        movement = CreditMovement.objects.create(account=account, kind="earned", credential=credential,
                                                 school=credential.issuer, major="4603", credits=10, rule=rule)
        request = RecognitionRequest.objects.create(account=account, credential=credential, school=w.orgs["school"],
                                                    rule=rule, credits=movement.credits)
    return {"pk": request.pk}


def recognition_state(w, t):
    from credentials.models import RecognitionRequest

    return list(RecognitionRequest.objects.values_list("pk", "status"))


SECRETARIAT_ONLY = personas(404, anonymous=302, secretariat=200)
NOBODY = personas(404, anonymous=302)
NEW_RULE = {"kind": "skill", "level": "中级", "achievement_major": "460305", "target_major": "460305", "credits": "4"}

RULES.update({
    "credentials:credit_rules": (page(expect={"any": everyone(200)}),),
    "credentials:credit_rule_manage": (page(expect={"any": SECRETARIAT_ONLY}),),
    "credentials:credit_rule_create": (
        page(expect={"any": SECRETARIAT_ONLY}),
        page(method="post", data=NEW_RULE, state=credit_rule_state,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "credentials:credit_rule_edit": (
        page(kwargs=a_credit_rule, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=a_credit_rule, method="post", data=NEW_RULE, state=credit_rule_state,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "credentials:credit_rule_action": (
        page(kwargs=publishing_a_rule, expect={"any": SECRETARIAT_ONLY}),
        page(kwargs=publishing_a_rule, method="post", state=credit_rule_state,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "credentials:credit_account": (page(expect={"any": personas(404, anonymous=302, student=200)}),),
    "credentials:credit_request": (
        page(expect={"any": personas(404, anonymous=302, student=200)}),
        page(method="post", data={}, expect={"any": personas(404, anonymous=302, student=200)}),
    ),
    "credentials:recognition_queue": (page(expect={"any": NOBODY}),),
    "credentials:recognition_decide": (
        page(kwargs=a_recognition_request, expect={"any": NOBODY}),
        page(kwargs=a_recognition_request, method="post", data={"decision": "accept"}, state=recognition_state,
             expect={"any": NOBODY}),
    ),
    "credit-rule-list": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "credit-rule-detail": (api(kwargs=a_published_rule, expect={"any": signed_in(200, anonymous=401)}),),
    "credit-movement-list": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "credit-movement-detail": (
        # The student's own; the secretariat sees all; no persona administers the school it counts at.
        api(kwargs=a_credit_movement, expect={"any": personas(404, anonymous=401, student=200, secretariat=200)}),
    ),
})
