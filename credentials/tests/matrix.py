"""The credentials area's rules in the security matrix (see ``tests/matrix.py``)."""

from credentials.models import Achievement, AchievementKind, Credential
from tests.matrix import api, everyone, page, personas, signed_in

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

RULES = {
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
}
# --- end of holders and verifiers -------------------------------------------------------------------------
