"""The talent platform's security-matrix rules: postings.

Everyone signed in to the platform (every persona: their organisations are schools, enterprises
and public bodies) browses the published postings. An enterprise's people — member_a (HR) and
admin_a of A, outsider (HR) and admin_b of B — write their own enterprise's postings and see its
drafts; another enterprise's draft is not there for them (404), its published posting is there to
read and not to change (404 on the pages, 403 in the API, where it was found). The secretariat
reads every posting and writes none. A posting of a school or a public body ('own' for the
student, the teacher and the officer) cannot be one anybody writes, so it is nobody's draft."""

from talent_matching.models import Posting, PostingStatus
from talent_matching.tests.postings_support import posting, skill
from tests.matrix import api, page, personas, signed_in

ENTERPRISE_PEOPLE = ("member_a", "admin_a", "outsider", "admin_b")


def enterprise_people(status, default=404, *, anonymous=302, **others):
    return personas(default, anonymous=anonymous, **{name: status for name in ENTERPRISE_PEOPLE}, **others)


def a_draft(w, t):
    return {"pk": posting(t.org, status=PostingStatus.DRAFT, title="矩阵草稿岗位").pk}


def a_complete_draft(w, t):
    skill("S-103")
    return {"pk": posting(t.org, status=PostingStatus.DRAFT, title="矩阵待发布岗位").pk}


def a_published(w, t):
    return {"pk": posting(t.org, title="矩阵已发布岗位").pk}


def postings_state(w, t):
    return list(Posting.objects.order_by("pk").values_list("pk", "title", "status", "headcount"))


NEW_POSTING = {
    "kind": "job", "title": "矩阵新岗位", "description": "负责设备调试。", "headcount": "2", "majors": "",
    "occupation": "", "location": "", "min_level": "", "salary_min": "", "salary_max": "", "starts_on": "",
    "ends_on": "", "deadline": "",
    "skills-TOTAL_FORMS": "0", "skills-INITIAL_FORMS": "0", "skills-MIN_NUM_FORMS": "0", "skills-MAX_NUM_FORMS": "30",
    "certificates-TOTAL_FORMS": "0", "certificates-INITIAL_FORMS": "0", "certificates-MIN_NUM_FORMS": "0",
    "certificates-MAX_NUM_FORMS": "10",
}
API_POSTING = {"kind": "job", "title": "矩阵新岗位", "description": "负责设备调试。", "headcount": 2}

OWN_ONLY = enterprise_people(200)
NOBODY = personas(404, anonymous=302)

RULES = {
    "talent:home": (page(expect={"any": signed_in(200)}),),
    "talent:posting_list": (page(expect={"any": signed_in(200)}),),
    "talent:posting_manage": (page(expect={"any": OWN_ONLY}),),
    "talent:posting_create": (
        page(expect={"any": OWN_ONLY}),
        page(method="post", data=NEW_POSTING, state=postings_state, expect={"any": enterprise_people(302)}),
    ),
    "talent:posting_detail": (
        page(kwargs=a_draft, expect={"own": enterprise_people(200, secretariat=200),
                                     "other": personas(404, anonymous=302, secretariat=200)}),
        page(kwargs=a_published, expect={"other": signed_in(200)}),
    ),
    "talent:posting_edit": (
        page(kwargs=a_draft, expect={"own": OWN_ONLY, "other": NOBODY}),
        page(kwargs=a_published, expect={"other": NOBODY}),
        page(kwargs=a_draft, method="post", data=NEW_POSTING, state=postings_state,
             expect={"own": enterprise_people(302), "other": NOBODY}),
    ),
    "talent:posting_publish": (
        page(kwargs=a_draft, expect={"own": OWN_ONLY, "other": NOBODY}),
        page(kwargs=a_complete_draft, method="post", state=postings_state,
             expect={"own": enterprise_people(302), "other": NOBODY}),
    ),
    "talent:posting_close": (
        page(kwargs=a_published, expect={"own": OWN_ONLY, "other": NOBODY}),
        page(kwargs=a_published, method="post", state=postings_state,
             expect={"own": enterprise_people(302), "other": NOBODY}),
    ),
    "talent:posting_copy": (
        page(kwargs=a_published, expect={"own": OWN_ONLY, "other": NOBODY}),
        page(kwargs=a_published, method="post", state=postings_state,
             expect={"own": enterprise_people(302), "other": NOBODY}),
    ),
}

# --- the API ---------------------------------------------------------------------------------
# Found but not theirs to change: 403; not found at all: 404.

SEEN_NOT_CHANGED = personas(403, anonymous=401)

RULES.update({
    "posting-list": (
        api(expect={"any": signed_in(200, anonymous=401)}),
        api(method="post", data=API_POSTING, state=postings_state,
            expect={"any": enterprise_people(201, 403, anonymous=401)}),
    ),
    "posting-detail": (
        api(kwargs=a_draft, expect={"own": enterprise_people(200, anonymous=401, secretariat=200),
                                    "other": personas(404, anonymous=401, secretariat=200)}),
        api(kwargs=a_published, expect={"other": signed_in(200, anonymous=401)}),
        api(kwargs=a_draft, method="patch", data={"headcount": 7}, state=postings_state,
            expect={"own": enterprise_people(200, anonymous=401, secretariat=403),
                    "other": personas(404, anonymous=401, secretariat=403)}),
        api(kwargs=a_published, method="patch", data={"headcount": 7}, state=postings_state,
            expect={"other": SEEN_NOT_CHANGED}),
    ),
    "posting-publish": (
        api(kwargs=a_complete_draft, method="post", state=postings_state,
            expect={"own": enterprise_people(200, anonymous=401, secretariat=403),
                    "other": personas(404, anonymous=401, secretariat=403)}),
    ),
    "posting-close": (
        api(kwargs=a_published, method="post", state=postings_state,
            expect={"own": enterprise_people(200, 403, anonymous=401), "other": SEEN_NOT_CHANGED}),
    ),
})
