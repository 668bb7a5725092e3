"""One voice in each language, kept by reading the catalogues themselves.

Chinese: 您 throughout (never 你, 你们 included), Chinese punctuation in Chinese text
（，。：；？！“”（）） with no space before or after it, and the consortium's terms — 单位 for
an organisation (never 组织 or 机构; 机构 is the council's governing bodies, 理事会 and its working
bodies, and 组织实施 the level that carries decisions out), 入会申请 for a membership application,
理事单位代表 for a council representative. Placeholders (%(name)s), markup, URLs and Latin words such as API
keep their ASCII characters. English: no Chinese left in the English catalogue, and the same
message in both catalogues."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# A Chinese character next to ASCII punctuation that has a full-width form in Chinese text.
ASCII_AFTER_CJK = re.compile(rf"[{CJK}][,;:?!]")
ASCII_FULL_STOP = re.compile(rf"[{CJK}]\.(?:\s|$)")
ASCII_PARENTHESIS = re.compile(rf"[{CJK}][()]|[()][{CJK}]")
ASCII_QUOTE = re.compile(rf"[{CJK}][\"']|[\"'][{CJK}]")
SPACE_BY_PUNCTUATION = re.compile(rf"[{CJK}] +[，。：；？！、）”]|[，。：；？！、（“] +\S")
# Terms the glossary settles (docs/design.md, README): the word that is not ours -> ours.
NOT_OUR_TERMS = {"组织": "单位", "机构": "单位", "加入申请": "入会申请", "理事代表": "理事单位代表", "令牌": "密钥"}
# Where another word contains the one ruled out.
ALLOWED_COMPOUNDS = ("社会组织", "邀请令牌", "组织实施")
# 机构 names a governing body (理事会、议事组…) in the messages about one.
BODY_TERM, BODY_WORDS = "机构", re.compile(r"\bbod(y|ies)\b", re.IGNORECASE)


def entries(language: str) -> list[tuple[str, list[str]]]:
    """(msgid, translations) of every live entry of a catalogue; obsolete ones (#~) skipped."""
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    found, fields, current = [], {}, None

    def close():
        if fields.get("msgid"):
            found.append((fields["msgid"], [v for k, v in fields.items() if k.startswith("msgstr")]))

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            close()
            fields, current = {}, None
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            fields[current] += ast.literal_eval(line)
        else:
            current, _sep, rest = line.partition(" ")
            fields[current] = ast.literal_eval(rest)
    close()
    return found


ZH = entries("zh_Hans")
EN = entries("en")


def problems(pattern: re.Pattern) -> list[str]:
    return [f"{msgid!r} → {text!r}" for msgid, texts in ZH for text in texts if pattern.search(text)]


def test_the_catalogues_are_read():
    assert len(ZH) > 300 and len(EN) == len(ZH)
    assert ("Home", ["首页"]) in ZH


def test_chinese_addresses_the_reader_as_您():
    familiar = [f"{msgid!r} → {text!r}" for msgid, texts in ZH for text in texts if "你" in text]
    assert not familiar, "Use 您, never 你:\n" + "\n".join(familiar)


@pytest.mark.parametrize(
    "pattern,what",
    [
        (ASCII_AFTER_CJK, "an ASCII , ; : ? or ! after Chinese (use ，；：？！)"),
        (ASCII_FULL_STOP, "an ASCII full stop after Chinese (use 。)"),
        (ASCII_PARENTHESIS, "ASCII parentheses against Chinese (use （）)"),
        (ASCII_QUOTE, "ASCII quotes against Chinese (use “”)"),
        (SPACE_BY_PUNCTUATION, "a space before or after Chinese punctuation"),
    ],
    ids=["comma-colon", "full-stop", "parentheses", "quotes", "spaces"],
)
def test_chinese_text_uses_chinese_punctuation(pattern, what):
    found = problems(pattern)
    assert not found, f"{what}:\n" + "\n".join(found)


def test_placeholders_urls_and_markup_may_keep_ascii():
    for allowed in ("%(name)s：", "请访问 https://beian.miit.gov.cn/ 查询。", '<a href="%(url)s">审计记录</a>',
                    "（GB/T 2260）", "API 密钥", "%(part)s：只读"):
        for pattern in (ASCII_AFTER_CJK, ASCII_FULL_STOP, ASCII_PARENTHESIS, ASCII_QUOTE, SPACE_BY_PUNCTUATION):
            assert not pattern.search(allowed), (allowed, pattern.pattern)
    for wrong in ("您好,请登录", "审核结果:", "确定吗?", "已保存.", "地区(区县)", '"审计记录"', "已保存 。"):
        assert any(p.search(wrong) for p in (ASCII_AFTER_CJK, ASCII_FULL_STOP, ASCII_PARENTHESIS, ASCII_QUOTE,
                                             SPACE_BY_PUNCTUATION)), wrong


def test_chinese_uses_the_consortium_s_terms():
    found = []
    for msgid, texts in ZH:
        for text in texts:
            for term, ours in NOT_OUR_TERMS.items():
                bare = text
                for compound in ALLOWED_COMPOUNDS:
                    bare = bare.replace(compound, "")
                if term == BODY_TERM and BODY_WORDS.search(msgid):
                    continue
                if term in bare:
                    found.append(f"{msgid!r} → {text!r}: {term}, not {ours}")
    assert not found, "\n".join(found)


def test_english_has_no_chinese_left():
    chinese = [f"{msgid!r} → {text!r}" for msgid, texts in EN for text in texts if re.search(f"[{CJK}]", text)]
    assert not chinese, "\n".join(chinese)


def test_both_catalogues_hold_the_same_messages():
    assert [msgid for msgid, _texts in ZH] == [msgid for msgid, _texts in EN]
