"""透明日志: the consortium's append-only log of record-keeping events, as an RFC 9162 Merkle tree.

An entry knows no domain: a kind, an object reference, the digest of the object's content, the
organisation that acted and the time, as canonical JSON whose exact bytes are kept. The tree is
kept as the hash of every complete subtree, stored as it completes (``TreeNode``), so an append
writes at most log₂ n + 1 node rows and any proof for any past size reads O(log n) of them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import Organization


class LogHead(models.Model):
    """The log's one head row: its size and the right edge of its tree. Every append locks it
    (``select_for_update``), so entries get gapless indices in commit order."""

    size = models.BigIntegerField(_("size"), default=0)
    # The hashes of the complete subtrees making up the tree, largest first (32 bytes each).
    frontier = models.BinaryField(_("right edge"), default=b"")

    class Meta:
        verbose_name = _("log head")
        verbose_name_plural = _("log heads")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="transparency_one_log_head")]


class LogEntry(models.Model):
    index = models.BigIntegerField(_("index"), unique=True)
    kind = models.CharField(_("kind"), max_length=64)
    object_ref = models.CharField(_("object"), max_length=200, db_index=True)
    digest = models.CharField(_("digest"), max_length=80)
    actor_organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("organisation name"), max_length=200, blank=True)
    at = models.DateTimeField(_("time"))
    entry = models.BinaryField(_("entry (canonical JSON)"))
    leaf_hash = models.BinaryField(_("leaf hash"), max_length=32)

    class Meta:
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        ordering = ["index"]
        indexes = [models.Index(fields=["kind", "index"], name="transparency_kind_index")]

    def __str__(self):
        return f"#{self.index} {self.kind} {self.object_ref}"


class TreeNode(models.Model):
    """The hash of the complete subtree of 2**level leaves starting at leaf index·2**level."""

    level = models.PositiveSmallIntegerField()
    index = models.BigIntegerField()
    hash = models.BinaryField(max_length=32)

    class Meta:
        verbose_name = _("tree node")
        verbose_name_plural = _("tree nodes")
        constraints = [models.UniqueConstraint(fields=["level", "index"], name="transparency_node_position")]


class LogKey(models.Model):
    """The log's Ed25519 signing key, generated on first use; its private half sealed at rest."""

    name = models.CharField(_("key name"), max_length=200)
    public_key = models.BinaryField(_("public key"), max_length=32)
    private_key_encrypted = models.BinaryField(_("private key (sealed)"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("log key")
        verbose_name_plural = _("log keys")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="transparency_one_log_key")]

    def __str__(self):
        return self.name


class Checkpoint(models.Model):
    """A signed tree head: a C2SP checkpoint in a signed note, signed by the log's key."""

    size = models.BigIntegerField(_("size"), unique=True)
    root = models.BinaryField(_("root hash"), max_length=32)
    note = models.TextField(_("signed note"))
    created_at = models.DateTimeField(_("signed"), auto_now_add=True)

    class Meta:
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")
        ordering = ["-size"]

    def __str__(self):
        return f"{self.size}"


class Witness(models.Model):
    """见证方: a member organisation's witness, hosted by the portal. It keeps the latest checkpoint
    it cosigned and cosigns a newer one only after checking a consistency proof from it."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("key name"), max_length=200, unique=True)
    public_key = models.BinaryField(_("public key"), max_length=32)
    private_key_encrypted = models.BinaryField(_("private key (sealed)"))
    # The log key this witness trusts, pinned when it was set up.
    log_vkey = models.CharField(_("trusted log key"), max_length=300)
    last_size = models.BigIntegerField(_("last cosigned size"), default=0)
    last_root = models.BinaryField(_("last cosigned root"), max_length=32, null=True, blank=True)
    last_checkpoint = models.TextField(_("last cosigned checkpoint"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("witness")
        verbose_name_plural = _("witnesses")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Cosignature(models.Model):
    checkpoint = models.ForeignKey(
        Checkpoint, verbose_name=_("checkpoint"), on_delete=models.CASCADE, related_name="cosignatures"
    )
    witness = models.ForeignKey(Witness, verbose_name=_("witness"), on_delete=models.PROTECT, related_name="+")
    timestamp = models.BigIntegerField(_("time (POSIX seconds)"))
    line = models.TextField(_("signature line"))
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("cosignature")
        verbose_name_plural = _("cosignatures")
        constraints = [
            models.UniqueConstraint(fields=["checkpoint", "witness"], name="transparency_one_cosignature"),
        ]
