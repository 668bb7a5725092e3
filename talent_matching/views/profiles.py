"""Pages of student profiles (学生求职档案): the student's own profile, its edit form with the
skills formset, consent, who looked, the download of everything held about them; a profile as an
enterprise sees it (each opening and download recorded for the student); a school's list of its
students' profiles and the bulk import; the secretariat's retention period.

What the viewer may see comes from ``talent_matching.access`` (``profiles_for``: consent is an
access rule); every write is a call to ``talent_matching.services.profiles``."""

import json
from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.forms import add_service_errors
from members.models import Organization
from talent_matching import access
from talent_matching.forms.profiles import (
    ConsentForm,
    ImportForm,
    ProfileForm,
    RetentionForm,
    SchoolProfileFilter,
    SkillFormSet,
)
from talent_matching.models import (
    ConsentRecord,
    ProfileAccess,
    ProfileAccessKind,
    StudentProfile,
    TalentSettings,
    Visibility,
)
from talent_matching.services import profiles as services

PAGE_SIZE = 25


def _verified_ids(student) -> set[int]:
    return set(services.verified_credentials_of(student).values_list("pk", flat=True)) if student is not None else set()


def _with_skills(profile):
    """The profile's skills, each marked verified (backed by a credential that verifies now) or
    self-declared; verified first."""
    skills = list(profile.skills.select_related("skill", "credential__achievement"))
    verified = _verified_ids(profile.student) if any(s.credential_id for s in skills) else set()
    for skill in skills:
        skill.verified = skill.credential_id in verified
    skills.sort(key=lambda s: (not s.verified, s.skill.code))
    return skills


def _profile_qs():
    return StudentProfile.objects.select_related("student", "school", "major").prefetch_related("regions")


def _own_profile(user):
    return _profile_qs().filter(student=user).first()


def _student_only(request):
    if not access.has_profile_page(request.user):
        raise Http404


# --- the student's own ----------------------------------------------------------------------------


@login_required
def my_profile(request):
    """我的求职档案: the profile as the student keeps it, with who may see it."""
    _student_only(request)
    profile = _own_profile(request.user)
    context = {"profile": profile}
    if profile is not None:
        context.update(skills=_with_skills(profile), consented=profile.consents.exists(),
                       recent=profile.accesses.select_related("organization")[:5])
    return render(request, "talent_matching/profiles/mine.html", context)


def _edit(request, profile, *, schools, by_school, done):
    credentials = services.verified_credentials_of(profile.student).order_by("achievement__name")
    form = ProfileForm(request.POST or None, instance=profile, schools=schools, by_school=by_school)
    initial = [] if profile.pk is None else [
        {"skill": s.skill, "level": s.level, "credential": s.credential_id} for s in profile.skills.select_related("skill")
    ]
    formset = SkillFormSet(request.POST or None, initial=initial, prefix="skills",
                           form_kwargs={"credentials": credentials})
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.profile_save(profile=form.instance, actor=request.user, skills=formset.rows(),
                                  regions=form.cleaned_data["regions"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect(done)
    return render(request, "talent_matching/profiles/form.html", {
        "form": form, "formset": formset, "profile": profile, "by_school": by_school,
    })


@login_required
def my_profile_edit(request):
    _student_only(request)
    profile = _own_profile(request.user)
    schools = access.student_school_ids(request.user)
    if profile is None:
        profile = StudentProfile(student=request.user, school_id=min(schools), graduation_year=timezone.localdate().year + 1)
    return _edit(request, profile, schools=schools | {profile.school_id}, by_school=False,
                 done="talent:my_profile")


@login_required
def consent(request):
    """谁可以看我的档案: the three choices, each in plain words; the choice is recorded with the
    words shown and their language."""
    _student_only(request)
    profile = _own_profile(request.user)
    if profile is None:
        messages.info(request, _("Fill in your profile first; then choose who may see it."))
        return redirect("talent:my_profile_edit")
    form = ConsentForm(request.POST or None, initial={"visibility": profile.visibility})
    if request.method == "POST" and form.is_valid():
        services.consent_set(profile=profile, actor=request.user, visibility=form.cleaned_data["visibility"],
                             language=get_language())
        messages.success(request, _("Your choice is recorded: %(choice)s.")
                         % {"choice": Visibility(form.cleaned_data["visibility"]).label})
        return redirect("talent:my_profile")
    choices = [{"value": value, "label": label, "wording": services.consent_wording(value).split("\n"),
                "checked": value == (form["visibility"].value() or profile.visibility)}
               for value, label in Visibility.choices]
    history = ConsentRecord.objects.filter(profile=profile).select_related("given_by").order_by("-given_at")[:10]
    return render(request, "talent_matching/profiles/consent.html", {
        "form": form, "profile": profile, "choices": choices, "history": history,
    })


@login_required
@require_POST
def consent_withdraw(request):
    """Withdrawal in one click: no one outside the school sees the profile from now on."""
    _student_only(request)
    profile = _own_profile(request.user)
    if profile is None:
        raise Http404
    services.consent_set(profile=profile, actor=request.user, visibility=Visibility.NOBODY, language=get_language())
    messages.success(request, _("Consent withdrawn: no enterprise sees your profile any more."))
    return redirect("talent:my_profile")


@login_required
def my_accesses(request):
    """谁看过我的档案: every opening and download of the profile by an enterprise."""
    _student_only(request)
    accesses = ProfileAccess.objects.filter(profile__student=request.user).select_related("organization", "user")
    page = Paginator(accesses.order_by("-at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "talent_matching/profiles/accesses.html", {"page": page})


@login_required
def my_data(request):
    """下载我的数据: everything the portal holds about the student, as one JSON file."""
    _student_only(request)
    body = json.dumps(services.personal_data(student=request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body.encode("utf-8"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="my-data-{timezone.localdate():%Y%m%d}.json"'
    return response


# --- a profile as others see it -------------------------------------------------------------------


def _visible(request, pk):
    return get_object_or_404(access.profiles_for(request.user, _profile_qs()), pk=pk)


@login_required
def profile_detail(request, pk):
    """A student's profile as an enterprise (or the school, or the secretariat) sees it; an
    enterprise's opening is recorded for the student."""
    profile = _visible(request, pk)
    services.profile_access_record(profile=profile, viewer=request.user, kind=ProfileAccessKind.VIEWED)
    return render(request, "talent_matching/profiles/detail.html", {
        "profile": profile, "skills": _with_skills(profile),
        "can_edit": access.can_edit_profile(request.user, profile) and profile.student_id != request.user.pk,
        "as_enterprise": access.is_enterprise_viewer(request.user, profile),
    })


def _shared_data(profile, skills) -> dict:
    """What an enterprise receives: the profile, never contact details."""
    return {
        "name": profile.student.display_name if profile.student_id else None,
        "school": profile.school.name_zh, "major": f"{profile.major.code} {profile.major.name_zh}",
        "level": str(profile.get_education_level_display()), "graduation_year": profile.graduation_year,
        "regions": [f"{r.code} {r.name}" for r in profile.regions.all()],
        "available_from": profile.available_from and profile.available_from.isoformat(),
        "open_to": profile.kinds, "summary": profile.summary,
        "skills": [{"skill": f"{s.skill.code} {s.skill.name_zh}", "level": s.level, "verified": s.verified,
                    "evidence": s.credential.achievement.name if s.verified else None} for s in skills],
    }


def _pdf(profile, skills) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    # The Adobe CJK font every PDF reader carries: no font file is shipped or embedded.
    FONT = "STSong-Light"
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))

    buffer = BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    data = _shared_data(profile, skills)
    y = A4[1] - 25 * mm

    def line(text, size=11):
        nonlocal y
        c.setFont(FONT, size)
        c.drawString(20 * mm, y, text[:80])
        y -= size * 0.5 * mm + 3 * mm

    line(_("Student profile"), 16)
    line(f"{data['name']} · {data['school']}")
    line(f"{_('major')}: {data['major']} · {data['level']} · {data['graduation_year']}")
    if data["regions"]:
        line(f"{_('preferred regions')}: {'、'.join(data['regions'])}")
    if data["available_from"]:
        line(f"{_('available from')}: {data['available_from']}")
    line(_("Skills"), 13)
    for skill in skills:
        mark = _("verified") if skill.verified else _("self-declared")
        line(f"· {skill.skill.name_zh} ({skill.get_level_display()}) — {mark}")
    if profile.summary:
        line(_("About me"), 13)
        for start in range(0, len(profile.summary), 40):
            line(profile.summary[start:start + 40])
    line(_("Downloaded on %(date)s") % {"date": timezone.localdate().isoformat()}, 9)
    c.showPage()
    c.save()
    return buffer.getvalue()


@login_required
def profile_download(request, pk, fmt):
    """The profile as a PDF or JSON file; an enterprise's download is recorded for the student."""
    if fmt not in ("pdf", "json"):
        raise Http404
    profile = _visible(request, pk)
    skills = _with_skills(profile)
    services.profile_access_record(profile=profile, viewer=request.user, kind=ProfileAccessKind.DOWNLOADED)
    if fmt == "json":
        body = json.dumps(_shared_data(profile, skills), ensure_ascii=False, indent=2).encode("utf-8")
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(_pdf(profile, skills), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="profile-{profile.pk}.{fmt}"'
    return response


# --- a school's students --------------------------------------------------------------------------


def _school(request, org) -> Organization:
    school = get_object_or_404(Organization, pk=org)
    if not access.can_manage_school_profiles(request.user, school):
        raise Http404
    return school


@login_required
def school_profiles(request, org):
    """学生档案: a school's students' profiles, searched and filtered."""
    school = _school(request, org)
    filters = SchoolProfileFilter(request.GET or None)
    profiles = _profile_qs().filter(school=school, deidentified_at__isnull=True)
    if filters.is_valid():
        data = filters.cleaned_data
        if data["q"]:
            profiles = profiles.filter(Q(student__full_name__icontains=data["q"]) | Q(student__username__icontains=data["q"])
                                       | Q(student__email__icontains=data["q"]))
        if data["major"]:
            profiles = profiles.filter(major=data["major"])
        if data["graduation_year"]:
            profiles = profiles.filter(graduation_year=data["graduation_year"])
        if data["visibility"]:
            profiles = profiles.filter(visibility=data["visibility"])
    page = Paginator(profiles.order_by("-graduation_year", "student__username", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "talent_matching/profiles/school_list.html", {
        "school": school, "filters": filters, "page": page,
    })


@login_required
def school_profile_edit(request, pk):
    """A school's administrator or teacher keeps a student's profile (never their consent)."""
    profile = get_object_or_404(_profile_qs(), pk=pk, student__isnull=False)
    if profile.student_id == request.user.pk:
        return redirect("talent:my_profile_edit")
    if not access.can_edit_profile(request.user, profile):
        raise Http404
    return _edit(request, profile, schools={profile.school_id}, by_school=True, done=profile_url(profile))


def profile_url(profile):
    from django.urls import reverse

    return reverse("talent:profile_detail", args=[profile.pk])


@login_required
def school_profile_import(request, org):
    """学生档案批量导入: a CSV file checked whole; a bad line is named and nothing is imported."""
    school = _school(request, org)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            counts = services.profile_import(school=school, actor=request.user, data=form.cleaned_data["file"].read())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(created)s profiles created and %(updated)s updated. Their students choose "
                                        "who may see them; until then no enterprise does.") % counts)
            return redirect("talent:school_profiles", org=school.pk)
    return render(request, "talent_matching/profiles/import.html", {"school": school, "form": form})


# --- the secretariat ------------------------------------------------------------------------------


@login_required
def retention(request):
    """The retention period after which profiles of students who left are de-identified."""
    if not access.can_set_retention(request.user):
        raise Http404
    current = TalentSettings.current()
    form = RetentionForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.retention_set(actor=request.user, retention_days=form.cleaned_data["retention_days"])
        messages.success(request, _("The retention period is saved."))
        return redirect("talent:retention")
    waiting = StudentProfile.objects.filter(left_school_at__isnull=False, deidentified_at__isnull=True).count()
    done = StudentProfile.objects.filter(deidentified_at__isnull=False).count()
    return render(request, "talent_matching/profiles/retention.html", {
        "form": form, "current": current, "waiting": waiting, "done": done,
    })
