"""The standards rules of the security matrix (see tests/matrix.py).

Everyone in training reads every standard and its past versions (the officer, not in training,
finds nothing; the visitor signs in). Enterprises' administrators and engineers and the
secretariat keep standards: admin_a and admin_b add them; a standard of enterprise A is edited by
A's administrator and the secretariat only, and a replaced version by nobody."""

from tests.matrix import api, page, personas, signed_in
from training.models import Standard
from training.tests.standards_support import standard, versioned

READERS = personas(200, anonymous=302, officer=404)
KEEPERS = personas(404, anonymous=302, admin_a=200, admin_b=200, secretariat=200)
A_KEEPERS = personas(404, anonymous=302, admin_a=200, secretariat=200)
NOBODY = personas(404, anonymous=302)


def a_standard(w, t):
    return {"pk": standard(w.orgs["org_a"]).pk}


def a_replaced(w, t):
    return {"pk": versioned(w.orgs["org_a"])[0].pk}


def a_versioned(w, t):
    return {"pk": versioned(w.orgs["org_a"])[1].pk}


def a_competence(w, t):
    return {"pk": standard(w.orgs["org_a"]).competences.get().pk}


def standards_state(w, t):
    return list(Standard.objects.order_by("pk").values_list("pk", "code", "version", "title", "is_current"))


def competences_state(w, t):
    return sorted(Standard.objects.values_list("pk", "competences__code", "competences__name"), key=str)


NEW = {"kind": "association", "code": "T/NEW 001", "title": "", "issuing_body": "协会", "version": "2024",
       "effective_on": "2024-01-01"}

RULES = {
    "training:standards": (page(expect={"any": READERS}),),
    "training:standard_create": (
        page(expect={"any": KEEPERS}),
        page(method="post", data=NEW, state=standards_state, expect={"any": KEEPERS}),
    ),
    "training:standard": (
        page(kwargs=a_standard, expect={"any": READERS}),
        page(kwargs=a_replaced, expect={"any": READERS}),
    ),
    "training:standard_compare": (page(kwargs=a_versioned, expect={"any": READERS}),),
    "training:standard_edit": (
        page(kwargs=a_standard, expect={"any": A_KEEPERS}),
        page(kwargs=a_replaced, expect={"any": NOBODY}),
        page(kwargs=a_standard, method="post", data={"title": ""}, state=standards_state, expect={"any": A_KEEPERS}),
    ),
    "training:standard_new_version": (
        page(kwargs=a_standard, expect={"any": A_KEEPERS}),
        page(kwargs=a_replaced, expect={"any": NOBODY}),
        page(kwargs=a_standard, method="post", data={"version": "2025", "effective_on": "2025-01-01",
                                                     "title": "测试标准", "issuing_body": "测试协会"},
             state=standards_state, expect={"any": personas(404, anonymous=302, admin_a=302, secretariat=302)}),
    ),
    "training:competence_create": (
        page(kwargs=a_standard, expect={"any": A_KEEPERS}),
        page(kwargs=a_replaced, expect={"any": NOBODY}),
        page(kwargs=a_standard, method="post", data={"code": "", "name": ""}, state=competences_state,
             expect={"any": A_KEEPERS}),
    ),
    "training:competence_edit": (
        page(kwargs=a_competence, expect={"any": A_KEEPERS}),
        page(kwargs=a_competence, method="post", data={"code": "", "name": ""}, state=competences_state,
             expect={"any": A_KEEPERS}),
    ),
    "training:competence_delete": (
        page(kwargs=a_competence, expect={"any": A_KEEPERS}),
        page(kwargs=a_competence, method="post", state=competences_state,
             expect={"any": personas(404, anonymous=302, admin_a=302, secretariat=302)}),
    ),
}

API_NEW = {"kind": "association", "code": "T/NEW 001", "title": "矩阵标准", "issuing_body": "协会",
           "version": "2024", "effective_on": "2024-01-01"}

RULES.update({
    "training-standard-list": (
        api(expect={"any": signed_in(200, anonymous=401)}),
        api(method="post", data=API_NEW, state=standards_state,
            expect={"any": personas(403, anonymous=401, admin_a=201, admin_b=201, secretariat=400)}),
    ),
    "training-standard-detail": (
        api(kwargs=a_standard, expect={"any": personas(200, anonymous=401, officer=404)}),
        api(kwargs=a_standard, method="patch", data={"title": "改名"}, state=standards_state,
            expect={"any": personas(403, anonymous=401, officer=404, admin_a=200, secretariat=200)}),
    ),
    "training-standard-new-version": (
        api(kwargs=a_standard, method="post", data={"version": "2025", "effective_on": "2025-01-01"},
            state=standards_state,
            expect={"any": personas(403, anonymous=401, officer=404, admin_a=201, secretariat=201)}),
    ),
})
