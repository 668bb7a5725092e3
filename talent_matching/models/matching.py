"""匹配: the results of a matching run — for every published posting its best candidates, for every
student their best postings — each score an explainable sum of named parts. A full run writes a
new set of results and swaps it in at once; readers always see one whole run."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talent_matching.models.postings import Posting
from talent_matching.models.profiles import StudentProfile

__all__ = ["MatchRunStatus", "MatchRun", "MatchResult"]


class MatchRunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class MatchRunQuerySet(models.QuerySet):
    def current(self):
        """The run whose results readers see: the latest full run that finished."""
        return self.filter(status=MatchRunStatus.DONE).order_by("-finished_at", "-pk").first()


class MatchRun(models.Model):
    status = models.CharField(_("status"), max_length=10, choices=MatchRunStatus.choices, default=MatchRunStatus.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = MatchRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_status_display()}"


class MatchResult(models.Model):
    """One kept pair of a run: its score, the named parts that make it up, and its rank on each
    side (among the posting's candidates; among the student's postings). A pair kept on one side
    only has no rank on the other."""

    # Derived rows, a million a run, written by COPY from rows read in the same transaction: no
    # foreign-key triggers in the database (they would double the write); Django's cascades
    # still remove a pair with its run, posting or profile. Looked up by the (run, …) indexes below.
    run = models.ForeignKey(MatchRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="results",
                            db_constraint=False, db_index=False)
    posting = models.ForeignKey(Posting, verbose_name=_("posting"), on_delete=models.CASCADE, related_name="+",
                                db_constraint=False, db_index=False)
    profile = models.ForeignKey(StudentProfile, verbose_name=_("profile"), on_delete=models.CASCADE, related_name="+",
                                db_constraint=False, db_index=False)
    score = models.FloatField(_("score"))
    parts = models.JSONField(_("parts of the score"), default=dict)
    posting_rank = models.PositiveSmallIntegerField(_("rank among the posting's candidates"), null=True, blank=True)
    profile_rank = models.PositiveSmallIntegerField(_("rank among the student's postings"), null=True, blank=True)

    class Meta:
        ordering = ["run_id", "posting_id", "posting_rank"]
        verbose_name = _("match result")
        verbose_name_plural = _("match results")
        # A posting's candidates are found through the unique (run, posting, profile) index; a
        # student's postings through (run, profile, profile_rank). Each index more slows the write.
        indexes = [models.Index(fields=["run", "profile", "profile_rank"])]
        constraints = [models.UniqueConstraint(fields=["run", "posting", "profile"], name="match_result_unique_pair")]

    def __str__(self):
        return f"{self.posting_id} × {self.profile_id}: {self.score:.1f}"
