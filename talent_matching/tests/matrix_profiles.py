"""The talent platform's security-matrix rules: profiles.

A student's own pages (profile, consent, who looked, their data) are theirs alone; the school's
list and import belong to its administrators and teachers (and the secretariat); a profile is
seen by its student, its school, the secretariat and — only while the student's consent covers
them — enterprises. Officers see no one's profile. The retention period is the secretariat's."""

from reference.models import Major
from talent_matching.models import ConsentRecord, StudentProfile, TalentSettings, Visibility
from tests.matrix import api, page, personas, signed_in

STUDENT_ONLY = {"any": personas(404, anonymous=302, student=200)}
SCHOOL_ONLY = {"any": personas(404, anonymous=302, teacher=200, secretariat=200)}
SECRETARIAT_ONLY = {"any": personas(404, anonymous=302, secretariat=200)}
# Consent covers the consortium's enterprises: A's and B's people see it; the officer does not.
SHARED = personas(200, anonymous=302, officer=404)
# Consent withdrawn (no one): the student, the school and the secretariat only.
HIDDEN = personas(404, anonymous=302, student=200, teacher=200, secretariat=200)


def _profile(w, visibility=Visibility.CONSORTIUM) -> StudentProfile:
    profile, _created = StudentProfile.objects.update_or_create(
        student=w.users["student"], defaults={
            "school": w.orgs["school"], "major": Major.objects.get(code="460301"), "education_level": 2,
            "graduation_year": 2027, "visibility": visibility, "summary": "矩阵学生的自述。",
        })
    return profile


def with_profile(w, t):
    _profile(w)
    return {}


def shared_profile(w, t):
    return {"pk": _profile(w).pk}


def hidden_profile(w, t):
    return {"pk": _profile(w, Visibility.NOBODY).pk}


def shared_download(w, t):
    return {"pk": _profile(w).pk, "fmt": "json"}


def the_school(w, t):
    return {"org": w.orgs["school"].pk}


def profile_state(w, t):
    return list(StudentProfile.objects.values_list("pk", "visibility", "graduation_year", "major_id"))


def consent_state(w, t):
    return (profile_state(w, t), ConsentRecord.objects.count())


def retention_state(w, t):
    return list(TalentSettings.objects.values_list("retention_days"))


PROFILE_POST = {
    "school": "", "major": "460303", "education_level": 2, "graduation_year": 2029,
    "skills-TOTAL_FORMS": 0, "skills-INITIAL_FORMS": 0, "skills-MIN_NUM_FORMS": 0, "skills-MAX_NUM_FORMS": 30,
}


def _profile_post(w):
    return {**PROFILE_POST, "school": w.orgs["school"].pk}


RULES = {
    "talent:my_profile": (page(kwargs=with_profile, expect=STUDENT_ONLY),),
    "talent:my_profile_edit": (
        page(kwargs=with_profile, expect=STUDENT_ONLY),
        page(kwargs=with_profile, method="post", data={"major": "460303", "graduation_year": 2029},
             state=profile_state, expect={"any": personas(404, anonymous=302, student=200)}),
    ),
    "talent:consent": (
        page(kwargs=with_profile, expect=STUDENT_ONLY),
        page(kwargs=with_profile, method="post", data={"visibility": "nobody"}, state=consent_state,
             expect={"any": personas(404, anonymous=302, student=302)}),
    ),
    "talent:consent_withdraw": (
        page(kwargs=with_profile, expect={"any": personas(405, anonymous=302)}),
        page(kwargs=with_profile, method="post", state=consent_state,
             expect={"any": personas(404, anonymous=302, student=302)}),
    ),
    "talent:my_accesses": (page(kwargs=with_profile, expect=STUDENT_ONLY),),
    "talent:my_data": (page(kwargs=with_profile, expect=STUDENT_ONLY),),
    "talent:retention": (
        page(expect=SECRETARIAT_ONLY),
        page(method="post", data={"retention_days": 7}, state=retention_state,
             expect={"any": personas(404, anonymous=302, secretariat=302)}),
    ),
    "talent:profile_detail": (
        page(kwargs=shared_profile, expect={"any": SHARED}),
        page(kwargs=hidden_profile, expect={"any": HIDDEN}),
    ),
    "talent:profile_download": (
        page(kwargs=shared_download, expect={"any": SHARED}),
    ),
    "talent:school_profile_edit": (
        # The student is sent to their own edit page.
        page(kwargs=shared_profile, expect={"any": personas(404, anonymous=302, student=302, teacher=200)},
             anonymous_goes_to_login=True),
        page(kwargs=shared_profile, method="post", data={"major": "460303", "graduation_year": 2029},
             state=profile_state, expect={"any": personas(404, anonymous=302, student=302, teacher=200)}),
    ),
    "talent:school_profiles": (page(kwargs=the_school, expect=SCHOOL_ONLY),),
    "talent:school_profile_import": (
        page(kwargs=the_school, expect=SCHOOL_ONLY),
        page(kwargs=the_school, method="post", data={}, state=profile_state, expect=SCHOOL_ONLY),
    ),
    "talent-profile-list": (api(kwargs=with_profile, expect={"any": signed_in(200, anonymous=401)}),),
    "talent-profile-detail": (
        api(kwargs=shared_profile, expect={"any": personas(200, anonymous=401, officer=404)}),
        api(kwargs=hidden_profile,
            expect={"any": personas(404, anonymous=401, student=200, teacher=200, secretariat=200)}),
    ),
}
