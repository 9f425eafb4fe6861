"""French text as the database backend searches it: folded, split, lightly stemmed.

Elasticsearch does the same with its own analysers (see ``search.elastic``); this
module gives the database backend the same behaviour: "universite" finds
"Université", "l'université" finds "universités", a one-letter typo still finds the
word (``typo_variants``).

Folding writes each letter, digit and mark in ASCII (``anyascii``), as Elasticsearch's
``asciifolding`` does: a letter with no decomposition still becomes its usual
spelling ("cœur" → "coeur", "Straße" → "strasse", "ﬁnance" → "finance"), a
combining accent disappears. Other characters (spaces, punctuation, symbols) stay
as they are and separate words. A folded letter may take more characters than the
original: ``highlight`` maps the words found back to the characters of the text.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from anyascii import anyascii
from django.utils.html import escape, strip_tags

# The French elided articles and pronouns: "l'", "d'", "qu'", "jusqu'"...
ELISIONS = ("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu")
_WORD = re.compile(r"[0-9a-z]+(?:['’][0-9a-z]+)?")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def _fold_char(char: str) -> str:
    if unicodedata.category(char)[0] in "LMN":
        return anyascii(char).lower()
    return char


class _FoldTable(dict):
    """``str.translate`` table filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """``text`` with its letters, digits and marks in lower-case ASCII, the rest as is."""
    return text.translate(_FOLD)


def _fold_with_origins(text: str) -> tuple[str, list[int]]:
    """``fold(text)``, and for each of its characters the position in ``text`` it comes
    from (then the length of ``text``)."""
    folded = [char.translate(_FOLD) for char in text]
    origins = [position for position, part in enumerate(folded) for _ in part]
    return "".join(folded), [*origins, len(text)]


def stem(word: str) -> str:
    """A light French stemmer: drops the plural mark and a final mute "e"."""
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _strip_elision(word: str) -> str:
    for mark in ("'", "’"):
        article, found, rest = word.partition(mark)
        if found:
            return rest if article in ELISIONS else article + rest
    return word


@lru_cache(maxsize=200_000)
def _token(word: str) -> str:
    return stem(_strip_elision(word))


def tokens(text: str) -> list[str]:
    """The searchable words of ``text``, folded, without elisions, stemmed."""
    return [_token(word) for word in _WORD.findall(fold(text))]


def plain_text(value: object) -> str:
    """What a reader sees of ``value``, spaces collapsed: rendered markup (rich text,
    blocks) without its tags and with its character references decoded ("&#x27;" is
    "'"), so that the text is escaped once, where it is shown."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        value = html.unescape(strip_tags(value.__html__()))
    return " ".join(str(value).split())


def sort_key(text: str) -> str:
    return fold(text).strip()[:300]


def typo_variants(word: str) -> set[str]:
    """Every word one edit away (a letter deleted, swapped, replaced or inserted)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {left + right[1:] for left, right in splits if right}
    swaps = {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    replaces = {left + c + right[1:] for left, right in splits if right for c in _ALPHABET}
    inserts = {left + c + right for left, right in splits for c in _ALPHABET}
    return (deletes | swaps | replaces | inserts) - {word}


def distinct_fragments(fragments: Iterable[str]) -> list[str]:
    """``fragments`` less those that repeat an earlier one: a page's summary is often the
    start of its text, and both fields match."""
    kept: list[tuple[str, str]] = []
    for fragment in fragments:
        shown = re.sub(r"</?mark>", "", fragment).strip(" …")
        if not any(shown in other or other in shown for _kept, other in kept):
            kept.append((fragment, shown))
    return [fragment for fragment, _shown in kept]


def highlight(text: str, words: Iterable[str], *, size: int = 160, limit: int = 2) -> list[str]:
    """Fragments of ``text`` around ``words`` (stemmed prefixes), HTML-escaped, words in <mark>."""
    words = tuple(word for word in words if word)
    if not words or not text:
        return []
    folded, origins = _fold_with_origins(text)
    spans = []
    for match in _WORD.finditer(folded):
        token = stem(_strip_elision(match.group()))
        if token.startswith(words):
            stripped = _strip_elision(match.group())
            start = match.end() - len(stripped)
            # The last letter's whole character, and the accents folding dropped after it.
            end = max(origins[match.end() - 1] + 1, origins[match.end()])
            spans.append((origins[start], end))
    fragments: list[str] = []
    used_until = -1
    for start, _end in spans:
        if len(fragments) == limit:
            break
        if start < used_until:
            continue
        begin = max(0, start - size // 3)
        if begin:
            space = text.rfind(" ", 0, begin + 1)
            begin = space + 1 if space >= 0 and begin - space < 20 else begin
        finish = min(len(text), begin + size)
        parts, cursor = [], begin
        for span_start, span_end in spans:
            if span_start < begin or span_end > finish:
                continue
            parts.append(escape(text[cursor:span_start]))
            parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
            cursor = span_end
        parts.append(escape(text[cursor:finish]))
        prefix = "…" if begin else ""
        suffix = "…" if finish < len(text) else ""
        fragments.append(prefix + "".join(parts).strip() + suffix)
        used_until = finish
    return fragments
