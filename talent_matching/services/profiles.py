"""Writes of the talent platform: student profiles (学生求职档案), consent, access records,
bulk import by a school, and de-identification after the retention period.

Every function is keyword-only, runs in one transaction and checks the actor's right inside.
A profile's consent changes only through ``consent_set`` (the student's own choice, recorded
with its wording and language); nothing else ever widens who sees a profile."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import record_event
from credentials.models import Credential
from credentials.selectors import verified_credentials_of
from members.access import is_api_key, is_secretariat
from members.models import Role, User
from reference.models import Major, Region, Skill
from talent_matching import access
from talent_matching.models import (
    ConsentRecord,
    ProfileAccess,
    ProfileAccessKind,
    ProfileSkill,
    SkillLevel,
    StudentProfile,
    TalentSettings,
    Visibility,
)
from talent_matching.services.matching import request_rematch

# --- consent, in plain words (个人信息保护法: informed, specific, recorded) ---------------------

SHARED = gettext_lazy(
    "What is shared: your name, school, major, level, graduation year, skills (and which are backed by "
    "credentials your school issued), preferred regions, when you are available and what you wrote about "
    "yourself. Never your phone number, e-mail address or ID number."
)
PURPOSE = gettext_lazy(
    "What for: so that enterprises can find you for jobs, internships, order classes and apprenticeships, "
    "and so that the portal can suggest postings that fit you."
)
WITH_WHOM = {
    Visibility.NOBODY: gettext_lazy(
        "No one outside your school sees your profile. Your school's administrators and teachers still see it, "
        "to help you; enterprises do not find you, not even those you apply to."
    ),
    Visibility.CONSORTIUM: gettext_lazy(
        "Every enterprise of the consortium that uses the talent platform may find and open your profile. "
        "Each time one opens or downloads it, you see who it was and when."
    ),
    Visibility.APPLIED: gettext_lazy(
        "Only the enterprises whose postings you apply to (or whose invitation you accept) may open your "
        "profile, from the moment you apply. Each time one opens or downloads it, you see who it was and when."
    ),
}
WITHDRAW = gettext_lazy(
    "You can change this or withdraw at any time; withdrawing hides your profile from every enterprise at "
    "once. What an enterprise already downloaded stays with it; the download is in your access list."
)


def consent_wording(visibility: str, language: str | None = None) -> str:
    """The words shown for a choice, in ``language`` (the current one by default)."""
    with translation.override(language or translation.get_language()):
        if visibility == Visibility.NOBODY:
            return "\n".join([str(WITH_WHOM[visibility]), str(WITHDRAW)])
        return "\n".join([str(WITH_WHOM[visibility]), str(SHARED), str(PURPOSE), str(WITHDRAW)])


# --- profiles ---------------------------------------------------------------------------------


def _is_student_of(user, school_id) -> bool:
    return user.memberships.filter(organization_id=school_id, role=Role.STUDENT, ended_at__isnull=True).exists()


def _check_credentials(profile: StudentProfile, skills) -> None:
    """Evidence must be a credential the student holds that verifies now."""
    wanted = {row["credential"].pk for row in skills if row.get("credential") is not None}
    if profile.pk is not None:
        # Evidence already on the profile stays the student's choice; it counts only while it verifies.
        wanted -= set(profile.skills.filter(credential__isnull=False).values_list("credential_id", flat=True))
    if not wanted:
        return
    held = set(verified_credentials_of(profile.student).filter(pk__in=wanted).values_list("pk", flat=True))
    if wanted - held:
        raise ValidationError({"skills": _("Evidence must be a credential you hold that verifies now.")})


@transaction.atomic
def profile_save(*, profile: StudentProfile, actor, skills: list[dict] | None = None,
                 regions: list | None = None) -> StudentProfile:
    """Create or update a profile (the student, or their school's administrators and teachers).
    ``skills`` (dicts of skill, level, credential) and ``regions`` replace the profile's when
    given. Who may see the profile is never changed here: a new profile is seen by no one until
    the student chooses (``consent_set``)."""
    if profile.pk is None:
        if profile.student_id is None or not _is_student_of(profile.student, profile.school_id):
            raise ValidationError({"student": _("Choose a student of the school.")})
        own = profile.student_id == getattr(actor, "pk", None)
        if not own and profile.school_id not in access.school_ids(actor):
            raise PermissionDenied
        if StudentProfile.objects.filter(student_id=profile.student_id).exists():
            raise ValidationError({"student": _("This student already has a profile.")})
        profile.visibility = Visibility.NOBODY
    else:
        current = StudentProfile.objects.select_for_update().get(pk=profile.pk)
        if not access.can_edit_profile(actor, current):
            raise PermissionDenied
        profile.visibility = current.visibility
        profile.student_id = current.student_id
        if profile.school_id != current.school_id and not _is_student_of(profile.student, profile.school_id):
            raise ValidationError({"school": _("The student is not a student of that school.")})
    if skills is not None:
        seen = set()
        for row in skills:
            if row["skill"].pk in seen:
                raise ValidationError({"skills": _("%(skill)s is listed twice.") % {"skill": row["skill"]}})
            seen.add(row["skill"].pk)
        _check_credentials(profile, skills)
    profile.full_clean(exclude=["regions"])
    profile.save()
    if regions is not None:
        profile.regions.set(regions)
    if skills is not None:
        profile.skills.all().delete()
        ProfileSkill.objects.bulk_create([
            ProfileSkill(profile=profile, skill=row["skill"], level=row.get("level") or SkillLevel.BASIC,
                         credential=row.get("credential"))
            for row in skills
        ])
    request_rematch(profile=profile)
    return profile


@transaction.atomic
def consent_set(*, profile: StudentProfile, actor, visibility: str, language: str | None = None) -> ConsentRecord:
    """The student's choice of who may see the profile, recorded with the words shown and their
    language. ``Visibility.NOBODY`` withdraws consent: the profile leaves every enterprise's
    results and pages at once."""
    profile = StudentProfile.objects.select_for_update().get(pk=profile.pk)
    if not access.can_change_consent(actor, profile):
        raise PermissionDenied
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose one of the three.")})
    language = language or translation.get_language()
    record = ConsentRecord.objects.create(
        profile=profile, visibility=visibility, wording=consent_wording(visibility, language),
        language=language, given_by=actor,
    )
    previous = profile.visibility
    profile.visibility = visibility
    profile.save(update_fields=["visibility", "updated_at"])
    withdrawn = visibility == Visibility.NOBODY and previous != Visibility.NOBODY
    record_event("talent_profile.consent_withdrawn" if withdrawn else "talent_profile.consent_given",
                 instance=profile, actor=actor, details={_("choice"): record.get_visibility_display()})
    request_rematch(profile=profile)
    return record


@transaction.atomic
def profile_access_record(*, profile: StudentProfile, viewer, kind: str) -> ProfileAccess | None:
    """Record that an enterprise opened, downloaded or read through the API a student's profile
    (查阅记录). Only enterprise viewers are recorded (the student, their school and the
    secretariat are not); returns None for them. The enterprise recorded is the viewer's
    enterprise that the consent covers."""
    if is_secretariat(viewer) or not access.is_enterprise_viewer(viewer, profile):
        return None
    organization_id = access.covering_enterprise(viewer, profile)
    if organization_id is None:
        return None
    return ProfileAccess.objects.create(
        profile=profile, organization_id=organization_id, kind=kind,
        user=None if is_api_key(viewer) else viewer,
    )


def profile_accesses_record(*, profiles, viewer) -> int:
    """One 'api' access for each of ``profiles`` an enterprise read through the API (one query
    per enterprise of the viewer to know which consent covers, one insert)."""
    if is_secretariat(viewer) or not access.enterprise_ids(viewer):
        return 0
    pending = {p.pk for p in profiles if access.is_enterprise_viewer(viewer, p)}
    rows = []
    for organization_id in sorted(access.enterprise_ids(viewer)):
        if not pending:
            break
        covered = set(StudentProfile.objects.filter(pk__in=pending).filter(
            access.consent_covers([organization_id])).values_list("pk", flat=True))
        rows += [ProfileAccess(profile_id=pk, organization_id=organization_id, kind=ProfileAccessKind.API,
                               user=None if is_api_key(viewer) else viewer) for pk in sorted(covered)]
        pending -= covered
    ProfileAccess.objects.bulk_create(rows)
    return len(rows)


# --- the student's own data (个人信息查阅、复制) ---------------------------------------------------


def personal_data(*, student) -> dict:
    """Everything the portal holds about ``student`` for the talent platform and around it, as
    plain data: account, memberships, profile, skills, consents, accesses, applications and
    credentials — one query for each kind."""
    from talent_matching.models import Application

    account = User.objects.filter(pk=student.pk).values(
        "username", "full_name", "email", "phone", "date_joined", "last_login").get()
    memberships = list(student.memberships.values(
        "organization__name_zh", "role", "started_at", "ended_at").order_by("started_at"))
    profile = (StudentProfile.objects.filter(student=student).select_related("school", "major")
               .prefetch_related("regions").first())
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in account.items()},
        "memberships": [
            {"organization": m["organization__name_zh"], "role": m["role"],
             "started_at": m["started_at"].isoformat(), "ended_at": m["ended_at"] and m["ended_at"].isoformat()}
            for m in memberships
        ],
        "profile": None, "skills": [], "consents": [], "accesses": [], "applications": [],
    }
    if profile is not None:
        data["profile"] = {
            "school": profile.school.name_zh, "major": f"{profile.major.code} {profile.major.name_zh}",
            "level": profile.get_education_level_display(), "graduation_year": profile.graduation_year,
            "regions": [f"{r.code} {r.name}" for r in profile.regions.all()],
            "available_from": profile.available_from and profile.available_from.isoformat(),
            "open_to": profile.kinds, "summary": profile.summary, "visibility": profile.visibility,
            "left_school_at": profile.left_school_at and profile.left_school_at.isoformat(),
            "created_at": profile.created_at.isoformat(), "updated_at": profile.updated_at.isoformat(),
        }
        data["skills"] = [
            {"skill": f"{s.skill.code} {s.skill.name_zh}", "level": s.level,
             "evidence": str(s.credential.uuid) if s.credential_id else None}
            for s in ProfileSkill.objects.filter(profile=profile).select_related("skill", "credential")
        ]
        data["consents"] = [
            {"choice": c.visibility, "wording": c.wording, "language": c.language, "at": c.given_at.isoformat()}
            for c in ConsentRecord.objects.filter(profile=profile).order_by("given_at")
        ]
        data["accesses"] = [
            {"organization": a.organization.name_zh, "person": a.user.display_name if a.user_id else None,
             "what": a.kind, "at": a.at.isoformat()}
            for a in ProfileAccess.objects.filter(profile=profile).select_related("organization", "user")
        ]
        data["applications"] = [
            {"posting": a.posting.title, "enterprise": a.posting.organization.name_zh, "origin": a.origin,
             "stage": a.stage, "created_at": a.created_at.isoformat(), "updated_at": a.updated_at.isoformat()}
            for a in Application.objects.filter(profile=profile).select_related("posting__organization")
        ]
    data["credentials"] = [
        {"id": str(c.uuid), "achievement": c.achievement.name, "level": c.achievement.level,
         "issuer": c.issuer.name_zh, "issued_at": c.issued_at.isoformat(), "status": c.status}
        for c in Credential.objects.filter(holder=student).select_related("achievement", "issuer").order_by("issued_at")
    ]
    return data


# --- a school's bulk import -----------------------------------------------------------------------

MAX_BYTES = 2 * 1024 * 1024
MAX_PROBLEMS = 100
ALIASES = {
    "username": ("用户名", "账号", "帐号", "username", "user name"),
    "email": ("电子邮箱", "邮箱", "电子邮件", "email", "e-mail"),
    "major": ("专业", "专业代码", "major"),
    "graduation_year": ("毕业年份", "届别", "graduation year", "graduation_year"),
    "level": ("层次", "学历层次", "level"),
    "skills": ("技能", "skills"),
    "regions": ("意向地区", "地区", "regions"),
    "available_from": ("可到岗日期", "到岗日期", "available from", "available_from"),
}


def _column(header: str) -> str | None:
    key = header.strip().lstrip("\ufeff").lower()
    return next((column for column, names in ALIASES.items() if key in names), None)


def _labels() -> dict[str, str]:
    return {"username": _("user name"), "email": _("email"), "major": _("major"),
            "graduation_year": _("graduation year"), "level": _("school level"), "skills": _("skills"),
            "regions": _("preferred regions"), "available_from": _("available from")}


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is not text in UTF-8 or GB18030."))


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace("；", ";").replace("、", ";").split(";") if part.strip()]


def _lookup(model, value):
    """A coded entry by its code, or by its exact Chinese or English name."""
    return (model.objects.filter(code=value).first() or model.objects.filter(name_zh=value).first()
            or model.objects.filter(name_en__iexact=value).first())


LEVEL_WORDS = {"1": 1, "中职": 1, "secondary": 1, "2": 2, "高职": 2, "高职专科": 2, "专科": 2, "higher": 2,
               "3": 3, "职教本科": 3, "本科": 3, "bachelor": 3}
SKILL_LEVEL_WORDS = {"1": 1, "初级": 1, "basic": 1, "2": 2, "中级": 2, "intermediate": 2,
                     "3": 3, "高级": 3, "advanced": 3, "4": 4, "专家": 4, "expert": 4}


def read_import(data: bytes, school) -> list[dict]:
    """The rows of a school's CSV file, each checked; ValidationError naming every bad line."""
    rows = list(csv.reader(io.StringIO(_decode(data))))
    if not rows:
        raise ValidationError(_("The file is empty."))
    columns = [_column(header) for header in rows[0]]
    if ("username" not in columns and "email" not in columns) or "major" not in columns \
            or "graduation_year" not in columns:
        raise ValidationError(_("The first line names the columns: username or email, major and graduation year; "
                                "optionally level, skills, preferred regions and available from."))
    labels = _labels()
    students = User.objects.filter(
        memberships__organization=school, memberships__role=Role.STUDENT, memberships__ended_at__isnull=True,
    ).only("pk", "username", "email").distinct()
    by_username = {user.username.lower(): user for user in students}
    by_email = {user.email.lower(): user for user in by_username.values() if user.email}
    problems, found, seen = [], [], {}

    def problem(line, column, message):
        problems.append(_("Line %(line)s, column “%(column)s”: %(problem)s")
                        % {"line": line, "column": labels[column], "problem": message})

    this_year = timezone.localdate().year
    for number, row in enumerate(rows[1:], start=2):
        values = {column: cell.strip() for column, cell in zip(columns, row) if column}
        if not any(values.values()):
            continue
        key_column = "username" if values.get("username") else "email"
        key = values.get(key_column, "")
        user = (by_username if key_column == "username" else by_email).get(key.lower()) if key else None
        if user is None:
            problem(number, key_column, _("%(value)s is not a student of %(school)s in the portal.")
                    % {"value": key or "—", "school": school})
            continue
        if user.pk in seen:
            problem(number, key_column, _("%(value)s is already on line %(line)s.") % {"value": key, "line": seen[user.pk]})
            continue
        seen[user.pk] = number
        entry = {"student": user, "line": number}
        major = _lookup(Major, values.get("major", ""))
        if major is None:
            problem(number, "major", _("“%(value)s” is not a major of the catalogue.") % {"value": values.get("major", "")})
            continue
        entry["major"] = major
        try:
            year = int(values.get("graduation_year", ""))
            if not this_year - 10 <= year <= this_year + 10:
                raise ValueError
        except ValueError:
            problem(number, "graduation_year", _("a year such as %(year)s.") % {"year": this_year + 1})
            continue
        entry["graduation_year"] = year
        level_text = values.get("level", "")
        level = LEVEL_WORDS.get(level_text.lower()) if level_text else (major.education_level or 2)
        if level is None:
            problem(number, "level", _("中职, 高职专科 or 职教本科 (1, 2 or 3)."))
            continue
        entry["education_level"] = level
        skills, bad = [], None
        for part in _split(values.get("skills", "")):
            name, _colon, level_word = part.partition(":")
            skill = _lookup(Skill, name.strip())
            skill_level = SKILL_LEVEL_WORDS.get(level_word.strip().lower() or "1")
            if skill is None or skill_level is None:
                bad = part
                break
            if skill.pk not in {s["skill"].pk for s in skills}:
                skills.append({"skill": skill, "level": skill_level, "credential": None})
        if bad:
            problem(number, "skills", _("“%(value)s” is not a skill of the list (code or name, optionally "
                                        "followed by :初级, :中级, :高级 or :专家).") % {"value": bad})
            continue
        entry["skills"] = skills
        regions = []
        for part in _split(values.get("regions", "")):
            region = Region.objects.filter(code=part).first() or Region.objects.filter(name=part).first()
            if region is None:
                bad = part
                break
            regions.append(region)
        if bad:
            problem(number, "regions", _("“%(value)s” is not a region code or name.") % {"value": bad})
            continue
        entry["regions"] = regions
        available = values.get("available_from", "")
        try:
            entry["available_from"] = date.fromisoformat(available) if available else None
        except ValueError:
            problem(number, "available_from", _("a date as YYYY-MM-DD."))
            continue
        found.append(entry)
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(_("… and %(count)s more problems.") % {"count": len(problems) - MAX_PROBLEMS})
        raise ValidationError(shown)
    if not found:
        raise ValidationError(_("Nobody is named."))
    return found


@transaction.atomic
def profile_import(*, school, actor, data: bytes) -> dict:
    """Create or update the profiles a school's CSV file lists (学生档案批量导入). The file is
    checked whole: a bad line is named and nothing is imported. The school never sets consent:
    new profiles are seen by no one until the student chooses. Returns counts."""
    if school.pk not in access.school_ids(actor) and not is_secretariat(actor):
        raise PermissionDenied
    rows = read_import(data, school)
    existing = {p.student_id: p for p in StudentProfile.objects.filter(student__in=[r["student"] for r in rows])}
    created = updated = 0
    new_ids = []
    for row in rows:
        profile = existing.get(row["student"].pk)
        if profile is not None and profile.school_id != school.pk:
            raise ValidationError(_("Line %(line)s: the student's profile is kept by another school.")
                                  % {"line": row["line"]})
        if profile is None:
            profile = StudentProfile(student=row["student"], school=school)
            created += 1
        else:
            updated += 1
        profile.major = row["major"]
        profile.education_level = row["education_level"]
        profile.graduation_year = row["graduation_year"]
        if row["available_from"]:
            profile.available_from = row["available_from"]
        is_new = profile.pk is None
        _save_imported(profile, actor, row)
        if is_new:
            new_ids.append(profile.pk)
    record_event("talent_profile.imported", instance=school, actor=actor,
                 details={_("created"): created, _("updated"): updated})
    if new_ids:
        from talent_matching.tasks.profiles import profiles_ask_consent_task

        transaction.on_commit(lambda: profiles_ask_consent_task.delay(new_ids))
    return {"created": created, "updated": updated}


def _save_imported(profile, actor, row):
    """The row's skills replace the self-declared ones; skills backed by a credential stay."""
    skills = None
    if row["skills"]:
        kept = [] if profile.pk is None else [
            {"skill": s.skill, "level": s.level, "credential": s.credential}
            for s in profile.skills.filter(credential__isnull=False).select_related("skill", "credential")
        ]
        kept_ids = {s["skill"].pk for s in kept}
        skills = kept + [s for s in row["skills"] if s["skill"].pk not in kept_ids]
    profile_save(profile=profile, actor=actor, skills=skills, regions=row["regions"] or None)


def profiles_ask_consent(*, profile_ids: list[int]) -> int:
    """E-mail each student whose profile their school made that no enterprise sees it until they
    choose, with the address of the consent page. A student who has chosen meanwhile (or has no
    address) is not written to. Returns how many were written to."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse

    sent = 0
    profiles = (StudentProfile.objects.filter(pk__in=profile_ids, student__isnull=False, consents__isnull=True)
                .select_related("student", "school"))
    with translation.override(settings.LANGUAGE_CODE):
        for profile in profiles:
            if not profile.student.email:
                continue
            context = {"profile": profile, "base_url": settings.PORTAL_BASE_URL,
                       "consortium_name": settings.CONSORTIUM_NAME, "consent_url": reverse("talent:consent")}
            subject = render_to_string("talent_matching/profiles/email/choose_consent_subject.txt", context).strip()
            body = render_to_string("talent_matching/profiles/email/choose_consent.txt", context)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [profile.student.email])
            sent += 1
    return sent


# --- the secretariat's setting and de-identification -------------------------------------------


@transaction.atomic
def retention_set(*, actor, retention_days: int) -> TalentSettings:
    if not access.can_set_retention(actor):
        raise PermissionDenied
    current = TalentSettings.current()
    current.retention_days = retention_days
    current.updated_by = actor
    current.full_clean()
    current.save()
    record_event("talent_settings.retention_set", instance=current, actor=actor,
                 details={_("retention period (days)"): retention_days})
    return current


@transaction.atomic
def profiles_deidentify(*, today: date | None = None) -> int:
    """De-identify the profiles of students who left school longer ago than the retention
    period: the link to the student, what they wrote and who looked are dropped, consent is set
    to no one. The figures (school, major, level, year, skills) stay for de-identified counts.
    Safe to run again: a de-identified profile is not touched twice. Returns how many."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=TalentSettings.current().retention_days)
    due = list(StudentProfile.objects.select_for_update().filter(
        left_school_at__isnull=False, left_school_at__lt=cutoff, deidentified_at__isnull=True,
    ).values_list("pk", flat=True))
    if not due:
        return 0
    now = timezone.now()
    for profile in StudentProfile.objects.filter(pk__in=due):
        profile.student = None
        profile.summary = ""
        profile.visibility = Visibility.NOBODY
        profile.deidentified_at = now
        profile.save(update_fields=["student", "summary", "visibility", "deidentified_at", "updated_at"])
    ProfileSkill.objects.filter(profile_id__in=due).update(credential=None)
    ProfileAccess.objects.filter(profile_id__in=due).update(user=None)
    ConsentRecord.objects.filter(profile_id__in=due).update(given_by=None)
    return len(due)


# --- figures for the supply–demand pages --------------------------------------------------------

SMALL_CELL = 5


def supply_counts(*, graduation_year: int | None = None) -> list[dict]:
    """De-identified counts of students by school, major, level and graduation year, for the
    supply–demand pages: numbers only, no person, and a count under ``SMALL_CELL`` shown as
    None (fewer than five) so that no one is singled out. Every profile counts, whatever its
    consent, because nothing about a person leaves this function."""
    from django.db.models import Count

    profiles = StudentProfile.objects.all()
    if graduation_year is not None:
        profiles = profiles.filter(graduation_year=graduation_year)
    rows = (profiles.values("school_id", "major__code", "major__family_code", "education_level", "graduation_year")
            .annotate(students=Count("id")).order_by("school_id", "major__code", "graduation_year"))
    return [{**row, "students": row["students"] if row["students"] >= SMALL_CELL else None} for row in rows]
