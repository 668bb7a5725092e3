"""The log's public endpoints (no sign-in; they are its API): the latest cosigned checkpoint,
entries, inclusion and consistency proofs, offline proof bundles, the verifier keys, and the
hosted witnesses' C2SP tlog-witness add-checkpoint endpoint."""

import base64
import hashlib
import json

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from core.http import over_limit
from transparency import note, proofs, services
from transparency.models import LogEntry, LogKey, Witness

TEXT = "text/plain; charset=utf-8"
PAGE = 100
# Witness requests from one address: a log asks each witness once per checkpoint.
WITNESS_LIMIT, WITNESS_WINDOW = 60, 60
MAX_WITNESS_BODY = 64 * 1024


def _b64(value: bytes) -> str:
    return base64.b64encode(bytes(value)).decode()


def _bad(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"code": "bad_request" if status == 400 else "not_found", "message": message}, status=status)


def _numbers(request, *names: str, defaults: dict | None = None) -> list[int] | None:
    values = []
    for name in names:
        raw = request.GET.get(name, "")
        if raw == "" and defaults and name in defaults:
            values.append(defaults[name])
        elif raw.isascii() and raw.isdigit() and len(raw) <= 18:
            values.append(int(raw))
        else:
            return None
    return values


@transaction.non_atomic_requests  # reads only: no transaction to open
@require_GET
def checkpoint(request):
    """The latest checkpoint: the log's signed note with every witness's cosignature."""
    latest = proofs.latest_checkpoint()
    if latest is None:
        return HttpResponse(_("The log has signed no checkpoint yet.") + "\n", content_type=TEXT, status=404)
    return HttpResponse(proofs.cosigned_note(latest), content_type=TEXT)


@transaction.non_atomic_requests  # reads only: no transaction to open
@require_GET
def keys(request):
    """The log's verifier key (null until it signed its first checkpoint) and its witnesses', in the
    signed-note vkey format."""
    key = LogKey.objects.filter(pk=1).first()
    witnesses = Witness.objects.filter(is_active=True).select_related("organization")
    return JsonResponse({
        "origin": key.name if key else settings.TRANSPARENCY_LOG_ORIGIN,
        "log": note.Verifier(key.name, note.ED25519, bytes(key.public_key)).vkey if key else None,
        "witnesses": [
            {"name": w.name, "organization": w.organization.name_zh, "vkey": services.witness_verifier(w).vkey}
            for w in witnesses
        ],
    })


@transaction.non_atomic_requests  # reads only: no transaction to open
@require_GET
def entries(request):
    """Entries ``start`` ≤ index < ``end`` (at most 100), as their exact bytes and parsed."""
    size = proofs.size()
    numbers = _numbers(request, "start", "end", defaults={"start": 0, "end": size})
    if numbers is None or numbers[0] > numbers[1]:
        return _bad(_("Give start and end as whole numbers, start not above end."))
    start, end = numbers[0], min(numbers[1], size, numbers[0] + PAGE)
    rows = LogEntry.objects.filter(index__gte=start, index__lt=end).order_by("index")
    return JsonResponse({
        "size": size, "start": start, "end": end,
        "entries": [
            {"index": row.index, "entry": json.loads(bytes(row.entry)), "entry_b64": _b64(row.entry),
             "leaf_hash": _b64(row.leaf_hash)}
            for row in rows.only("index", "entry", "leaf_hash")
        ],
    })


@transaction.non_atomic_requests  # reads only: no transaction to open
@require_GET
def inclusion(request):
    """The inclusion proof of entry ``index`` in the tree of ``size`` entries (default: the latest
    checkpoint's size)."""
    latest = None if request.GET.get("size") else proofs.latest_checkpoint()
    numbers = _numbers(request, "index", "size", defaults={"size": latest.size if latest else 0})
    if numbers is None:
        return _bad(_("Give index and size as whole numbers."))
    index, tree_size = numbers
    try:
        proof, root, leaf = proofs.inclusion(index, tree_size)
    except proofs.ProofError:
        return _bad(_("The log has no entry %(index)s in a tree of %(size)s entries.") % {"index": index, "size": tree_size}, 404)
    return JsonResponse({"index": index, "size": tree_size, "leaf_hash": _b64(leaf), "root": _b64(root),
                         "proof": [_b64(h) for h in proof]})


@transaction.non_atomic_requests  # reads only: no transaction to open
@require_GET
def consistency(request):
    """The consistency proof from the tree of ``first`` entries to that of ``second``."""
    numbers = _numbers(request, "first", "second")
    if numbers is None:
        return _bad(_("Give first and second as whole numbers."))
    first, second = numbers
    try:
        proof = proofs.consistency_proof(first, second)
    except proofs.ProofError:
        return _bad(_("The log has no trees of %(first)s and %(second)s entries to compare.") % {"first": first, "second": second}, 404)
    return JsonResponse({"first": first, "second": second, "proof": [_b64(h) for h in proof]})


@transaction.non_atomic_requests  # reads only: no transaction to open
@require_GET
def tlog_proof(request, index):
    """The offline proof (C2SP tlog-proof) of one entry, against the latest cosigned checkpoint."""
    try:
        text = proofs.tlog_proof(index)
    except proofs.ProofError:
        return HttpResponse(_("Entry %(index)s is not in a signed checkpoint.") % {"index": index} + "\n",
                            content_type=TEXT, status=404)
    response = HttpResponse(text, content_type=TEXT)
    response["Content-Disposition"] = f'inline; filename="entry-{index}.tlog-proof"'
    return response


@csrf_exempt  # machine to machine: the log's signature authenticates the request, not a cookie
@require_POST
def witness_add_checkpoint(request, pk):
    """C2SP tlog-witness add-checkpoint for a member organisation's hosted witness."""
    witness = get_object_or_404(Witness, pk=pk, is_active=True)
    if over_limit(request, f"witness:{pk}", limit=WITNESS_LIMIT, window=WITNESS_WINDOW):
        return HttpResponse(_("Too many requests; try again in a minute.") + "\n", content_type=TEXT, status=429)
    if len(request.body) > MAX_WITNESS_BODY:
        return HttpResponse(_("The request is too large.") + "\n", content_type=TEXT, status=400)
    try:
        line = services.witness_add_checkpoint(witness=witness, body=request.body)
    except services.WitnessRefusal as refusal:
        if refusal.status == 409:
            return HttpResponse(f"{refusal.size}\n", content_type="text/x.tlog.size", status=409)
        return HttpResponse(refusal.message + "\n", content_type=TEXT, status=refusal.status)
    return HttpResponse(line, content_type=TEXT)


@transaction.non_atomic_requests  # reads only: no transaction to open
@require_GET
def witness_checkpoint(request, pk, origin_hash):
    """tlog-witness monitoring: the latest checkpoint this witness cosigned for the log whose origin
    hashes (SHA-256, lowercase hex) to ``origin_hash``, with the log's signature and its own."""
    witness = get_object_or_404(Witness, pk=pk, is_active=True)
    origin = note.Verifier.parse(witness.log_vkey).name
    if origin_hash != hashlib.sha256(origin.encode()).hexdigest() or not witness.last_checkpoint:
        return HttpResponse(_("This witness has cosigned no checkpoint of that log.") + "\n", content_type=TEXT,
                            status=404)
    return HttpResponse(witness.last_checkpoint, content_type=TEXT)
