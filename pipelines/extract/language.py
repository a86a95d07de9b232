"""Language of a page: a declared code normalised to two letters, or a guess by script.

Korean news pages often declare no language (or `lang="en"` from a template), so the
script of the headline and text decides when nothing trustworthy is declared; Latin text
is only called English when common English words are there.
"""
from __future__ import annotations

import re

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_EN_WORDS = re.compile(r"\b(the|and|of|to|in|is|that|for|with|was)\b", re.I)


def language_code(value: str | None) -> str | None:
    """'ko-KR', 'en_US', 'KO' -> 'ko', 'en', 'ko'; None for anything that is not a code."""
    if not value:
        return None
    code = re.split(r"[-_\s]", value.strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def script_language(text: str) -> str | None:
    """'ko', 'ja', 'zh' or 'en' from the letters of a text sample, None when unsure."""
    sample = text[:4000]
    hangul = len(_HANGUL.findall(sample))
    kana = len(_KANA.findall(sample))
    han = len(_HAN.findall(sample))
    latin = len(_LATIN.findall(sample))
    total = hangul + kana + han + latin
    if not total:
        return None
    if hangul / total > 0.2:
        return "ko"
    if kana / total > 0.1:
        return "ja"
    if han / total > 0.3:
        return "zh"
    if latin / total > 0.5 and len(_EN_WORDS.findall(sample)) >= 3:
        return "en"
    return None
