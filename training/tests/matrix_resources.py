"""The resources rules of the security matrix (see tests/matrix.py).

Everyone in training reads the shared resources and fetches their files (the officer, not in
training, finds nothing; the visitor signs in); an unshared resource of enterprise A is its
people's and the secretariat's. The people of schools and enterprises (not students) add
resources; A's resource added by member_a is edited and deleted by member_a, A's administrator
and the secretariat."""

from tests.matrix import api, page, personas, signed_in
from training.models import TeachingResource
from training.tests.standards_support import resource

READERS = personas(200, anonymous=302, officer=404)
ADDERS = personas(200, anonymous=302, student=404, officer=404)
A_PEOPLE = personas(404, anonymous=302, member_a=200, admin_a=200, secretariat=200)


def a_shared(w, t):
    return {"pk": resource(w.orgs["org_a"], title="共享资源", created_by=w.users["member_a"], with_file=True).pk}


def an_unshared(w, t):
    return {"pk": resource(w.orgs["org_a"], title="本单位资源", shared=False, created_by=w.users["member_a"]).pk}


def resources_state(w, t):
    return list(TeachingResource.objects.order_by("pk").values_list("pk", "title", "is_shared", "licence"))


RULES = {
    "training:resources": (page(expect={"any": READERS}),),
    "training:resource_create": (
        page(expect={"any": ADDERS}),
        page(method="post", data={"title": ""}, state=resources_state, expect={"any": ADDERS}),
    ),
    "training:resource": (
        page(kwargs=a_shared, expect={"any": READERS}),
        page(kwargs=an_unshared, expect={"any": A_PEOPLE}),
    ),
    "training:resource_file": (
        page(kwargs=a_shared, expect={"any": READERS}),
        page(kwargs=an_unshared, expect={"any": personas(404, anonymous=302)}),  # a link: no file to hand out
    ),
    "training:resource_edit": (
        page(kwargs=a_shared, expect={"any": A_PEOPLE}),
        page(kwargs=a_shared, method="post", data={"title": ""}, state=resources_state, expect={"any": A_PEOPLE}),
    ),
    "training:resource_delete": (
        page(kwargs=a_shared, expect={"any": A_PEOPLE}),
        page(kwargs=a_shared, method="post", state=resources_state,
             expect={"any": personas(404, anonymous=302, member_a=302, admin_a=302, secretariat=302)}),
    ),
}

API_NEW = {"title": "矩阵资源", "kind": "link", "licence": "cc_by", "url": "https://example.cn/x"}

RULES.update({
    "training-resource-list": (
        api(expect={"any": signed_in(200, anonymous=401)}),
        api(method="post", data=API_NEW, state=resources_state,
            expect={"any": personas(201, anonymous=401, student=403, officer=403, secretariat=400)}),
    ),
    "training-resource-detail": (
        api(kwargs=a_shared, expect={"any": personas(200, anonymous=401, officer=404)}),
        api(kwargs=an_unshared, expect={"any": personas(404, anonymous=401, member_a=200, admin_a=200,
                                                        secretariat=200)}),
        api(kwargs=a_shared, method="patch", data={"title": "改名"}, state=resources_state,
            expect={"any": personas(403, anonymous=401, officer=404, member_a=200, admin_a=200, secretariat=200)}),
        api(kwargs=a_shared, method="delete", state=resources_state,
            expect={"any": personas(403, anonymous=401, officer=404, member_a=204, admin_a=204, secretariat=204)}),
    ),
    "training-resource-file": (
        api(kwargs=a_shared, expect={"any": personas(200, anonymous=401, officer=404)}),
    ),
})
