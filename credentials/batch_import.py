"""批量颁发的名单: reading who is to receive a credential from a CSV file.

A line names one person by their user name (用户名) or e-mail address (电子邮箱), as the portal
knows them; a 姓名 column, when there is one, must agree with the name the portal has, so that
a mistyped address does not hand someone else's credential over. The file is checked whole and
every problem named by line and column; nothing is issued if any line is wrong."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from credentials import access

MAX_BYTES = 2 * 1024 * 1024
MAX_PROBLEMS = 100

ALIASES = {
    "username": ("用户名", "账号", "帐号", "username", "user name", "login"),
    "email": ("电子邮箱", "邮箱", "电子邮件", "email", "e-mail", "mail"),
    "full_name": ("姓名", "名字", "name", "full name", "fullname"),
}


def _column(header: str) -> str | None:
    key = header.strip().lstrip("\ufeff").lower()
    for column, names in ALIASES.items():
        if key in names:
            return column
    return None


def _labels() -> dict[str, str]:
    return {"username": _("user name"), "email": _("email"), "full_name": _("full name")}


def read_holders(data: bytes, achievement) -> list[int]:
    """The holders the file names, in its order; ValidationError with every problem otherwise."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not text in UTF-8 or GB18030.")) from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ValidationError(_("The file is empty."))
    columns = [_column(header) for header in rows[0]]
    if "username" not in columns and "email" not in columns:
        raise ValidationError(_("The first line names the columns: username or email, and optionally name."))
    lines = [
        (number, {column: cell.strip() for column, cell in zip(columns, row) if column})
        for number, row in enumerate(rows[1:], start=2)
    ]
    return _holders(lines, achievement)


def read_list(text: str, achievement) -> list[int]:
    """The holders of a typed list: one user name or e-mail address a line, each line named by
    its number in the list."""
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        value = line.strip()
        lines.append((number, {"email" if "@" in value else "username": value}))
    return _holders(lines, achievement)


def _holders(lines, achievement) -> list[int]:
    labels = _labels()
    eligible = access.eligible_holders(achievement).only("pk", "username", "email", "full_name")
    by_username = {user.username.lower(): user for user in eligible}
    by_email = {user.email.lower(): user for user in by_username.values() if user.email}
    problems, found, seen = [], [], {}

    def problem(line, column, message):
        problems.append(_("Line %(line)s, column “%(column)s”: %(problem)s")
                        % {"line": line, "column": labels[column], "problem": message})

    for number, values in lines:
        if not any(values.values()):
            continue
        key_column = "username" if values.get("username") else "email"
        key = values.get(key_column, "")
        if not key:
            problem(number, key_column, _("empty."))
            continue
        user = (by_username if key_column == "username" else by_email).get(key.lower())
        if user is None:
            problem(number, key_column, _("%(value)s is not a student of %(school)s in the portal.")
                    % {"value": key, "school": achievement.issuer})
            continue
        name = values.get("full_name")
        if name and user.full_name and name != user.full_name:
            problem(number, "full_name", _("the portal knows %(value)s as %(name)s.")
                    % {"value": key, "name": user.full_name})
            continue
        if user.pk in seen:
            problem(number, key_column, _("%(value)s is already on line %(line)s.") % {"value": key, "line": seen[user.pk]})
            continue
        seen[user.pk] = number
        found.append(user.pk)
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(_("… and %(count)s more problems.") % {"count": len(problems) - MAX_PROBLEMS})
        raise ValidationError(shown)
    if not found:
        raise ValidationError(_("Nobody is named."))
    return found

