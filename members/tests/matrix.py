"""Members' rules in the security matrix: the directory, organisations, people,
invitations, applications, the account, the admin console's pages and the API (see
``tests/matrix.py``)."""

from members.demo import credit_code
from members.models import Role
from tests.matrix import (
    _,
    api,
    api_key_pk,
    api_key_state,
    api_keys_of,
    application_pk,
    attachment_pk,
    colleague_membership_pk,
    colleague_membership_state,
    colleague_pk,
    everyone,
    invitation_pk,
    invitation_state,
    invitation_token,
    invitations_of,
    org_object_id,
    org_pk,
    organization_count,
    organization_state,
    page,
    personas,
    self_membership_pk,
    self_membership_state,
    self_pk,
    signed_in,
)

NEW_API_KEY = {"name": "矩阵系统", "scope_members": "read"}
NEW_INVITATION = {"full_name": "新同事", "email": "newcomer@example.cn", "role": Role.STAFF}


class _InvitationFile:
    """A list of people to invite, uploaded as a file; it reads the same for every persona."""

    name = "invitations.csv"

    def read(self) -> bytes:
        return "姓名,电子邮箱,角色\r\n批量新人,batch.newcomer@example.cn,工作人员\r\n".encode()


def _template(fmt):
    return lambda w, t: {"pk": t.org.pk, "fmt": fmt}


# Who may invite to an organisation, as for a single invitation: its administrators and the
# secretariat; everyone else finds nothing there.
INVITERS = {
    "own": personas(404, anonymous=_, admin_a=200, admin_b=200, secretariat=200),
    "other": personas(404, anonymous=302, secretariat=200),
    "applicant": personas(404, anonymous=302, secretariat=200),
}
NEW_ORGANIZATION = {
    "kind": "enterprise", "name_zh": "矩阵新设科技有限公司", "credit_code": credit_code("320411", 990001),
    "region": "320411", "contact_name": "孙经理", "contact_phone": "0519-86001234",
    "contact_email": "sun@matrix.example.cn",
}

RULES = {
    # --- members ---
    "members:organization_list": (page(expect={"any": everyone(200)}),),
    "members:organization_detail": (
        page(kwargs=org_pk, expect={
            "own": personas(200, anonymous=_),
            "other": personas(200),
            "applicant": personas(404, secretariat=200),
        }),
    ),
    # The directory is public, so another member's edit page is refused (403), not hidden.
    "members:organization_edit": (
        page(kwargs=org_pk, expect={
            "own": personas(403, anonymous=_, admin_a=200, admin_b=200, secretariat=200),
            "other": personas(403, anonymous=302, secretariat=200),
            "applicant": personas(404, anonymous=302, secretariat=200),
        }),
        page(kwargs=org_pk, method="post", data={"contact_phone": "0519-86669999"}, state=organization_state,
             expect={
            "other": personas(403, anonymous=302, secretariat=200),
            "applicant": personas(404, anonymous=302, secretariat=200),
        }),
    ),
    "members:people": (
        page(kwargs=org_pk, expect={
            "own": personas(404, anonymous=_, admin_a=200, admin_b=200, secretariat=200),
            "other": personas(404, anonymous=302, secretariat=200),
            "applicant": personas(404, anonymous=302, secretariat=200),
        }),
    ),
    "members:invitation_create": (
        page(kwargs=org_pk, method="post", data=NEW_INVITATION, state=invitations_of, expect={
            "own": personas(404, anonymous=_, admin_a=302, admin_b=302, secretariat=302),
            "other": personas(404, anonymous=302, secretariat=302),
            "applicant": personas(404, anonymous=302, secretariat=302),
        }),
        page(kwargs=org_pk, expect={"own": signed_in(405, anonymous=_)}),
    ),
    # Batch invitations from a file: the page, the upload (which invites, then goes back to the
    # people page) and the templates, for those who may invite a single person.
    "members:invitation_batch": (
        page(kwargs=org_pk, expect=INVITERS),
        page(kwargs=org_pk, method="post", data={"file": _InvitationFile()}, state=invitations_of, expect={
            "own": personas(404, anonymous=_, admin_a=302, admin_b=302, secretariat=302),
            "other": personas(404, anonymous=302, secretariat=302),
            "applicant": personas(404, anonymous=302, secretariat=302),
        }),
    ),
    "members:invitation_template": (
        page(kwargs=_template("xlsx"), expect=INVITERS),
        page(kwargs=_template("csv"), expect=INVITERS),
    ),
    # Another role for a colleague: the organisation's administrators and the secretariat. The
    # request names a person who is no one: those who manage see the form again with the
    # reason; the state check shows nothing changed.
    "members:membership_grant": (
        page(kwargs=org_pk, method="post", data={"grant-user": "0", "grant-role": "staff"},
             state=colleague_membership_state, expect={
            "own": personas(404, anonymous=_, admin_a=200, admin_b=200, secretariat=200),
            "other": personas(404, anonymous=302, secretariat=200),
            "applicant": personas(404, anonymous=302, secretariat=200),
        }),
        page(kwargs=org_pk, expect={"own": signed_in(405, anonymous=_)}),
    ),
    "members:invitation_revoke": (
        page(kwargs=invitation_pk, method="post", state=invitation_state, expect={
            "own": personas(404, anonymous=_, admin_a=302, admin_b=302, secretariat=302),
            "other": personas(404, anonymous=302, secretariat=302),
            "applicant": personas(404, anonymous=302, secretariat=302),
        }),
        page(kwargs=invitation_pk, expect={"own": signed_in(405, anonymous=_)}),
    ),
    "members:invitation_resend": (
        page(kwargs=invitation_pk, method="post", state=invitation_state, expect={
            "own": personas(404, anonymous=_, admin_a=302, admin_b=302, secretariat=302),
            "other": personas(404, anonymous=302, secretariat=302),
            "applicant": personas(404, anonymous=302, secretariat=302),
        }),
        page(kwargs=invitation_pk, expect={"own": signed_in(405, anonymous=_)}),
    ),
    # Whoever holds the invitation's secret link may open it; a made-up token finds nothing.
    "members:invitation_accept": (
        page(kwargs=invitation_token, state=invitation_state, expect={"other": everyone(200)}),
        page(kwargs=lambda w, t: {"token": "no-such-invitation"}, expect={"any": everyone(404)}),
    ),
    "members:membership_end": (
        page(kwargs=colleague_membership_pk, method="post", state=colleague_membership_state, expect={
            "own": personas(404, anonymous=_, admin_a=302, admin_b=302, secretariat=302),
            "other": personas(404, anonymous=302, secretariat=302),
            "applicant": personas(404, anonymous=302, secretariat=302),
        }),
        # People see their own memberships but only administrators may end them (an
        # organisation's last administrator is told to appoint another first: 302 with a message).
        page(kwargs=self_membership_pk, method="post", state=self_membership_state, expect={
            "self": personas(403, anonymous=_, admin_a=302, admin_b=302, secretariat=302),
        }),
        page(kwargs=colleague_membership_pk, expect={"own": signed_in(405, anonymous=_)}),
    ),
    "members:join": (page(expect={"any": everyone(200)}),),
    "members:apply": (page(expect={"any": signed_in(302, anonymous=200)}, anonymous_goes_to_login=False),),
    # Anyone may look an application up; a wrong reference or contact answers the form again.
    "members:application_progress": (
        page(expect={"any": everyone(200)}),
        page(method="post", data={"reference": "SQ-20260101-000000", "contact": "nobody@example.cn"},
             expect={"any": everyone(200)}, forbidden_text=("申请中科技有限公司", "Applicant Tech")),
    ),
    # Licence scans: the secretariat's alone, even the applicant's own organisation gets 404.
    "members:application_attachment": (
        page(kwargs=attachment_pk, expect={
            "own": personas(404, anonymous=_, secretariat=200),
            "other": personas(404, anonymous=302, secretariat=200),
            "applicant": personas(404, anonymous=302, secretariat=200),
        }),
    ),
    "members:application_list": (page(expect={"any": personas(403, anonymous=302, secretariat=200)}),),
    "members:application_detail": (
        page(kwargs=application_pk, expect={
            "own": personas(404, anonymous=_, admin_a=200, admin_b=200, secretariat=200),
            "other": personas(404, anonymous=302, secretariat=200),
            "applicant": personas(404, anonymous=302, secretariat=200),
        }),
    ),
    "members:account": (page(expect={"any": signed_in(200)}),),
    # An organisation's API keys: its administrators while it is active, and the secretariat.
    # Creating answers the page itself (200), which shows the new key once.
    "members:api_keys": (
        page(kwargs=org_pk, expect={
            "own": personas(404, anonymous=_, admin_a=200, admin_b=200, secretariat=200),
            "other": personas(404, anonymous=302, secretariat=200),
            "applicant": personas(404, anonymous=302, secretariat=200),
        }),
        page(kwargs=org_pk, method="post", data=NEW_API_KEY, state=api_keys_of, expect={
            "own": personas(404, anonymous=_, admin_a=200, admin_b=200, secretariat=200),
            "other": personas(404, anonymous=302, secretariat=200),
            "applicant": personas(404, anonymous=302, secretariat=200),
        }),
    ),
    # Revoking asks first (GET), then revokes (POST).
    "members:api_key_revoke": (
        page(kwargs=api_key_pk, expect={
            "own": personas(404, anonymous=_, admin_a=200, admin_b=200, secretariat=200),
            "other": personas(404, anonymous=302, secretariat=200),
            "applicant": personas(404, anonymous=302, secretariat=200),
        }),
        page(kwargs=api_key_pk, method="post", state=api_key_state, expect={
            "own": personas(404, anonymous=_, admin_a=302, admin_b=302, secretariat=302),
            "other": personas(404, anonymous=302, secretariat=302),
            "applicant": personas(404, anonymous=302, secretariat=302),
        }),
    ),
    # --- the admin console's pages for members (the secretariat only) ---
    "admin:members_organization_changelist": (
        page(expect={"any": personas(302, secretariat=200)}),
    ),
    "admin:members_organization_change": (
        page(kwargs=org_object_id, expect={
            "own": personas(302, anonymous=_, secretariat=200),
            "other": personas(302, secretariat=200),
        }),
        page(kwargs=org_object_id, method="post", data={"contact_phone": "1"}, state=organization_state, expect={
            "other": personas(302, secretariat=200),
        }),
    ),
    "admin:members_user_changelist": (
        page(expect={"any": personas(302, secretariat=200)}),
    ),
    "admin:members_membershipapplication_changelist": (
        page(expect={"any": personas(302, secretariat=200)}),
    ),
    "admin:members_apikey_changelist": (
        page(expect={"any": personas(302, secretariat=200)}),
    ),
    # --- the API: 401 without credentials, 404 outside the caller's scope, 403 for a
    # visible object the caller may not change ---
    "organization-list": (
        api(expect={"any": signed_in(200, anonymous=401)}),
        api(method="post", data=NEW_ORGANIZATION, state=organization_count, expect={
            "any": personas(403, anonymous=401, secretariat=201),
        }),
    ),
    "organization-detail": (
        api(kwargs=org_pk, expect={
            "own": personas(200, anonymous=_),
            "other": personas(200, anonymous=401),
            "applicant": personas(404, anonymous=401, secretariat=200),
        }),
        api(kwargs=org_pk, method="patch", data={"contact_phone": "0519-86669999"}, state=organization_state,
            expect={
            "own": personas(403, anonymous=_, admin_a=200, admin_b=200, secretariat=200),
            "other": personas(403, anonymous=401, secretariat=200),
            "applicant": personas(404, anonymous=401, secretariat=200),
        }),
        api(kwargs=org_pk, method="put", data=NEW_ORGANIZATION, state=organization_state, expect={
            "other": personas(405, anonymous=401),
        }),
        api(kwargs=org_pk, method="delete", state=organization_state, expect={
            "own": personas(405, anonymous=_),
        }),
    ),
    "user-list": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "user-me": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "user-detail": (
        api(kwargs=colleague_pk, expect={
            "own": personas(404, anonymous=_, admin_a=200, admin_b=200, secretariat=200),
            "other": personas(404, anonymous=401, secretariat=200),
            "applicant": personas(404, anonymous=401, secretariat=200),
        }),
        api(kwargs=self_pk, expect={"self": signed_in(200, anonymous=_)}),
    ),
    "membership-list": (api(expect={"any": signed_in(200, anonymous=401)}),),
    "membership-detail": (
        api(kwargs=colleague_membership_pk, expect={
            "own": personas(404, anonymous=_, admin_a=200, admin_b=200, secretariat=200),
            "other": personas(404, anonymous=401, secretariat=200),
            "applicant": personas(404, anonymous=401, secretariat=200),
        }),
        api(kwargs=self_membership_pk, expect={"self": signed_in(200, anonymous=_)}),
    ),
}
