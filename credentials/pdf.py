"""A credential as a PDF certificate, drawn by the site itself (no browser): Chinese text in
the Adobe CJK font STSong-Light, which every PDF reader carries, so no font file is shipped or
embedded; a QR code leading to the credential's verify page; its id and how to verify it.

The PDF is a human view of the credential. What verifies is the signed JSON document, and the
verify page the QR code leads to checks the stored one."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _qr(c, url: str, x: float, y: float, size: float) -> None:
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, c, x, y)


def _wrapped(c, text: str, x: float, y: float, width: float, size: float, leading: float, max_lines: int = 2) -> float:
    """Draw ``text`` centred on ``x``, broken into lines that fit ``width`` (character by
    character, as Chinese is), at most ``max_lines`` of them (the last ends in "…" when the
    text is longer); returns the y below it."""
    lines, line = [], ""
    for char in " ".join(text.split()):
        if pdfmetrics.stringWidth(line + char, FONT, size) > width:
            lines.append(line)
            line = ""
        line += char
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    for line in lines:
        c.drawCentredString(x, y, line)
        y -= leading
    return y


def certificate(credential, *, verify_url: str) -> bytes:
    """The PDF bytes of ``credential``'s certificate in the active language."""
    buffer = BytesIO()
    width, height = landscape(A4)
    c = canvas.Canvas(buffer, pagesize=(width, height), invariant=1)
    c.setTitle(f"{credential.achievement.name} · {credential.holder.display_name}")
    c.setAuthor(credential.issuer.name)
    c.setSubject(credential.urn)
    c.setStrokeColor(HexColor("#8a1c1c"))
    c.setLineWidth(3)
    c.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    c.setLineWidth(0.8)
    c.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)
    middle = width / 2
    c.setFillColor(HexColor("#8a1c1c"))
    c.setFont(FONT, 30)
    c.drawCentredString(middle, height - 45 * mm, credential.achievement.get_kind_display())
    c.setFillColor(HexColor("#1a1a1a"))
    c.setFont(FONT, 22)
    c.drawCentredString(middle, height - 65 * mm, credential.holder.display_name)
    c.setFont(FONT, 13)
    c.drawCentredString(middle, height - 78 * mm, _("has been awarded"))
    c.setFont(FONT, 20)
    y = _wrapped(c, str(credential.achievement), middle, height - 92 * mm, width - 80 * mm, 20, 26)
    c.setFont(FONT, 11)
    _wrapped(c, credential.achievement.description, middle, y - 2 * mm, width - 90 * mm, 11, 15, max_lines=4)
    c.setFont(FONT, 13)
    issued = timezone.localtime(credential.issued_at).date().isoformat()
    c.drawString(30 * mm, 48 * mm, _("Issuer: %(name)s") % {"name": credential.issuer.name})
    c.drawString(30 * mm, 40 * mm, _("Issued on: %(date)s") % {"date": issued})
    if credential.valid_until:
        until = timezone.localtime(credential.valid_until).date().isoformat()
        c.drawString(30 * mm, 32 * mm, _("Valid until: %(date)s") % {"date": until})
    c.setFont(FONT, 8)
    c.drawString(30 * mm, 24 * mm, _("Credential id: %(id)s") % {"id": credential.urn})
    c.drawString(30 * mm, 19.5 * mm, _("To verify it, scan the QR code or open %(url)s") % {"url": verify_url})
    _qr(c, verify_url, width - 68 * mm, 22 * mm, 42 * mm)
    c.setFont(FONT, 8)
    c.drawCentredString(width - 47 * mm, 19.5 * mm, _("Scan to verify"))
    c.showPage()
    c.save()
    return buffer.getvalue()
