"""The courses rules of the security matrix (see tests/matrix.py).

The matrix's course is the school's, with enterprise A as its partner. While it is being
written it is seen by the school's teacher, A's administrator and HR (its co-authors) and the
secretariat; approved, by everyone in training (the government officer has no training access;
the visitor signs in). The teacher proposes, submits, puts in use, starts versions and retires;
the co-authors write the draft; A's people review."""

from tests.matrix import api, page, personas


def _course(w, state: str):
    from training.models import Course, ReviewDecision
    from training.services import courses as services
    from training.tests.courses_support import a_course

    title = f"矩阵课程 {state}"
    course = Course.objects.filter(title=title).first()
    if course is not None:
        return course
    teacher = w.users["teacher"]
    course = a_course(teacher, w.orgs["school"], [w.orgs["org_a"]], title=title, units=1)
    services.chapter_save(version=services.open_version(course), actor=teacher, number=1, title="第一章")
    if state in ("in_review", "approved"):
        services.course_submit(course=course, actor=teacher)
    if state == "approved":
        services.course_review(course=course, actor=w.users["admin_a"], decision=ReviewDecision.APPROVE)
    return course


def a_proposed_course(w, t):
    return {"pk": _course(w, "proposed").pk}


def a_course_in_review(w, t):
    return {"pk": _course(w, "in_review").pk}


def an_approved_course(w, t):
    return {"pk": _course(w, "approved").pk}


def a_proposed_version(w, t):
    return {"pk": _course(w, "proposed").pk, "number": 1}


def an_approved_version(w, t):
    return {"pk": _course(w, "approved").pk, "number": 1}


def a_draft_unit(w, t):
    return {"pk": _course(w, "proposed").versions.get().units.get().pk}


def a_draft_chapter(w, t):
    return {"pk": _course(w, "proposed").versions.get().chapters.get().pk}


def courses(w, t):
    from training.models import Course

    return sorted(Course.objects.values_list("pk", "title", "status", "needs_review", "retired_reason"))


def contents(w, t):
    from training.models import CourseUnit, CourseVersion, TeachingCase, TextbookChapter

    return (sorted(CourseVersion.objects.values_list("pk", "status", "number", "note")),
            sorted(CourseUnit.objects.values_list("pk", "order", "title", "hours")),
            sorted(TextbookChapter.objects.values_list("pk", "number", "title", "revision")),
            sorted(TeachingCase.objects.values_list("pk", "text")),
            sorted(CourseVersion.resources.through.objects.values_list("pk")))


READERS = personas(200, anonymous=302, officer=404)
CO_AUTHORS = personas(404, anonymous=302, teacher=200, admin_a=200, member_a=200)
WRITING = personas(404, anonymous=302, teacher=200, admin_a=200, member_a=200, secretariat=200)
SCHOOL = personas(404, anonymous=302, teacher=200)
CO_AUTHORS_SAVE = personas(404, anonymous=302, teacher=302, admin_a=302, member_a=302)
SCHOOL_DOES = personas(404, anonymous=302, teacher=302)
REVIEWERS = personas(404, anonymous=302, admin_a=200, member_a=200)

RULES = {
    "training:courses": (page(expect={"any": READERS}),),
    "training:course_coverage": (page(expect={"any": READERS}),),
    "training:course_propose": (
        page(expect={"any": SCHOOL}),
        page(method="post", data={"title": ""}, state=courses, expect={"any": SCHOOL}),
    ),
    "training:course": (
        page(kwargs=a_proposed_course, expect={"any": WRITING}),
        page(kwargs=an_approved_course, expect={"any": READERS}),
    ),
    "training:course_edit": (
        page(kwargs=a_proposed_course, expect={"any": SCHOOL}),
        page(kwargs=a_proposed_course, method="post", data={"title": ""}, state=courses, expect={"any": SCHOOL}),
    ),
    "training:course_version": (
        page(kwargs=a_proposed_version, expect={"any": WRITING}),
        page(kwargs=an_approved_version, expect={"any": READERS}),
    ),
    "training:course_compare": (page(kwargs=a_proposed_course, expect={"any": WRITING}),),
    "training:course_unit_create": (
        page(kwargs=a_proposed_course, expect={"any": CO_AUTHORS}),
        page(kwargs=a_proposed_course, method="post", data={"title": ""}, state=contents, expect={"any": CO_AUTHORS}),
    ),
    "training:course_unit_edit": (
        page(kwargs=a_draft_unit, expect={"any": CO_AUTHORS}),
        page(kwargs=a_draft_unit, method="post", data={"title": ""}, state=contents, expect={"any": CO_AUTHORS}),
    ),
    "training:course_unit_delete": (
        page(kwargs=a_draft_unit, method="post", data={}, state=contents, expect={"any": CO_AUTHORS_SAVE}),
    ),
    "training:course_case_create": (
        page(kwargs=a_draft_unit, expect={"any": CO_AUTHORS}),
        page(kwargs=a_draft_unit, method="post", data={"text": "矩阵案例"}, state=contents,
             expect={"any": CO_AUTHORS_SAVE}),
    ),
    "training:course_chapter_create": (
        page(kwargs=a_proposed_course, expect={"any": CO_AUTHORS}),
        page(kwargs=a_proposed_course, method="post", data={"title": ""}, state=contents,
             expect={"any": CO_AUTHORS}),
    ),
    "training:course_chapter_edit": (
        page(kwargs=a_draft_chapter, expect={"any": CO_AUTHORS}),
        page(kwargs=a_draft_chapter, method="post", data={"number": "1", "title": "改过的章"}, state=contents,
             expect={"any": CO_AUTHORS_SAVE}),
    ),
    "training:course_resources": (
        page(kwargs=a_proposed_course, expect={"any": CO_AUTHORS}),
        page(kwargs=a_proposed_course, method="post", data={}, state=contents, expect={"any": CO_AUTHORS_SAVE}),
    ),
    "training:course_submit": (
        page(kwargs=a_proposed_course, expect={"any": SCHOOL}),
        page(kwargs=a_proposed_course, method="post", data={"note": "矩阵"}, state=courses,
             expect={"any": SCHOOL_DOES}),
    ),
    "training:course_review": (
        page(kwargs=a_course_in_review, expect={"any": REVIEWERS}),
        # Without the organisation the form is shown again; nobody else gets to it.
        page(kwargs=a_course_in_review, method="post", data={"decision": "approve"}, state=courses,
             expect={"any": REVIEWERS}),
    ),
    "training:course_new_version": (
        page(kwargs=an_approved_course, expect={"any": SCHOOL}),
        page(kwargs=an_approved_course, method="post", data={}, state=contents, expect={"any": SCHOOL_DOES}),
    ),
    "training:course_use": (
        page(kwargs=an_approved_course, expect={"any": SCHOOL}),
        page(kwargs=an_approved_course, method="post", data={}, state=courses, expect={"any": SCHOOL_DOES}),
    ),
    "training:course_retire": (
        page(kwargs=an_approved_course, expect={"any": SCHOOL}),
        page(kwargs=an_approved_course, method="post", data={"reason": ""}, state=courses, expect={"any": SCHOOL}),
    ),
    "training-course-list": (api(expect={"any": personas(200, anonymous=401)}),),
    "training-course-detail": (
        api(kwargs=a_proposed_course, expect={"any": personas(404, anonymous=401, teacher=200, admin_a=200,
                                                              member_a=200, secretariat=200)}),
        api(kwargs=an_approved_course, expect={"any": personas(200, anonymous=401, officer=404)}),
    ),
}
