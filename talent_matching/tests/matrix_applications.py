"""The talent platform's security-matrix rules: applications.

The world: enterprise A's open posting and the school's student's application to it (profile
shown to the consortium's enterprises). The student, A's people, the school's teacher and the
secretariat see it; B's people and the officer find nothing. Only the student applies, only A's
people take A's steps and invite to A's postings; the school and the secretariat read."""

from django.utils import timezone

from reference.models import EducationLevel, Major
from talent_matching.models import (
    Application,
    ApplicationOrigin,
    ApplicationStage,
    Posting,
    PostingStatus,
    StudentProfile,
    Visibility,
)
from tests.matrix import api, page, personas, signed_in


def _posting(w) -> Posting:
    posting, _created = Posting.objects.get_or_create(
        organization=w.orgs["org_a"], title="矩阵数控调试岗",
        defaults={"description": "数控设备调试。", "status": PostingStatus.PUBLISHED, "published_at": timezone.now()},
    )
    return posting


def _profile(w) -> StudentProfile:
    profile, _created = StudentProfile.objects.get_or_create(
        student=w.users["student"],
        defaults={"school": w.orgs["school"], "major": Major.objects.get(code="460301"),
                  "education_level": EducationLevel.HIGHER, "graduation_year": 2026,
                  "visibility": Visibility.CONSORTIUM},
    )
    return profile


def _application(w) -> Application:
    """The student's application to A's posting, made anew when a persona's request was rolled
    back with it."""
    application, _created = Application.objects.get_or_create(
        posting=_posting(w), profile=_profile(w),
        defaults={"origin": ApplicationOrigin.APPLIED, "stage": ApplicationStage.APPLIED},
    )
    return application


def an_application(w, t):
    return {"pk": _application(w).pk}


def shortlisting(w, t):
    return {"pk": _application(w).pk, "action": "shortlist"}


def a_posting(w, t):
    _profile(w)
    return {"posting_pk": _posting(w).pk}


def inviting(w, t):
    return {"posting_pk": _posting(w).pk, "profile_pk": _profile(w).pk}


def application_state(w, t):
    return list(Application.objects.values_list("pk", "stage"))


def everything(w, t):
    return (list(Application.objects.values_list("pk", "stage")),
            list(Application.objects.values_list("messages__body", flat=True)))


SEE = dict(student=200, teacher=200, member_a=200, admin_a=200, secretariat=200)
SEES_IT = {"any": personas(404, anonymous=302, **SEE)}
# A step or message from someone who sees the application: taken, or refused with a message on it.
ON_IT = {"any": personas(404, anonymous=302, **{who: 302 for who in SEE})}

RULES = {
    "talent:my_applications": (page(expect={"any": personas(404, anonymous=302, student=200)}),),
    "talent:received_applications": (page(expect={"any": personas(
        404, anonymous=302, member_a=200, admin_a=200, outsider=200, admin_b=200)}),),
    "talent:school_applications": (page(expect={"any": personas(404, anonymous=302, teacher=200, secretariat=200)}),),
    "talent:application_detail": (page(kwargs=an_application, expect=SEES_IT),),
    "talent:application_step": (
        page(kwargs=shortlisting, expect=SEES_IT),
        page(kwargs=shortlisting, method="post", data={"note": ""}, state=application_state, expect=ON_IT),
    ),
    "talent:application_message": (
        page(kwargs=an_application, expect={"any": personas(405, anonymous=302)}),
        page(kwargs=an_application, method="post", data={"body": "您好"}, state=everything, expect=ON_IT),
    ),
    "talent:application_apply": (
        page(kwargs=a_posting, expect={"any": personas(404, anonymous=302, student=200)}),
        page(kwargs=a_posting, method="post", data={"note": ""}, state=application_state,
             expect={"any": personas(404, anonymous=302, student=302)}),
    ),
    "talent:application_invite": (
        page(kwargs=inviting, expect={"any": personas(404, anonymous=302, member_a=200, admin_a=200)}),
        page(kwargs=inviting, method="post", data={"note": ""}, state=application_state,
             expect={"any": personas(404, anonymous=302, member_a=302, admin_a=302)}),
    ),
}


# --- the API ---------------------------------------------------------------------------------------

API_SEES_IT = {"any": personas(404, anonymous=401, **SEE)}


def _step(ok_for: tuple[str, ...], ok: int, others: int = 403, data=None):
    """A step on the student's application: ``ok`` for ``ok_for``, ``others`` for the rest of those
    who see it, 404 for those who do not."""
    statuses = {who: (ok if who in ok_for else others) for who in SEE}
    return api(kwargs=an_application, method="post", data=data or {}, state=everything,
               expect={"any": personas(404, anonymous=401, **statuses)})


ENTERPRISE = ("member_a", "admin_a")

RULES.update({
    "talent-application-list": (
        api(expect={"any": signed_in(200, anonymous=401)}),
        api(method="post", data={"posting": 999999}, state=application_state,
            expect={"any": signed_in(400, anonymous=401)}),
    ),
    "talent-application-detail": (api(kwargs=an_application, expect=API_SEES_IT),),
    "talent-application-shortlist": (_step(ENTERPRISE, 200),),
    "talent-application-interview": (_step(ENTERPRISE, 400),),  # no time or place given
    "talent-application-offer": (_step(ENTERPRISE, 200),),
    "talent-application-reject": (_step(ENTERPRISE, 200),),
    "talent-application-withdraw": (_step(("student",), 200),),
    # Not from the stage 'applied', whoever asks: said before who may.
    "talent-application-accept": (_step((), 400, others=400),),
    "talent-application-decline": (_step((), 400, others=400),),
    "talent-application-message": (_step(("student",) + ENTERPRISE, 201, data={"body": "您好"}),),
})
