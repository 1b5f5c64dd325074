"""Sentences of English and Spanish news copy, with their offsets. Pure, no Django.

``split_sentences(text, language)`` returns ``Sentence(text, start, end)`` with
``text[start:end] == sentence.text``. A line break always ends a sentence, so a headline is never
glued to the first paragraph; inside a line pysbd finds the boundaries, so "The Rev. Jesse
Jackson", "Case No. 5" and "El Sr. López" stay whole, and "... the U.S. When Trump ..." ends at
"U.S.".
"""

import functools
import re
from dataclasses import dataclass

import pysbd

# The fallback splitter, for lines too long for pysbd (its cost grows with the square of a
# line's length): a sentence ends at . ! ? (optionally closed by quotes or brackets) before
# whitespace. Abbreviations that end in a period do not end a sentence, in either splitter.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gen|Gov|St|Jr|Sr|Inc|Ltd|Co|Corp|vs|etc|approx|No|Jan|Feb"
    r"|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Sra|Sr|Dra|Lic|Ing|Rev|Núm|Art|Gral|Col|Dir|Pdte)\."
    r"|\b(?:[A-Z]\.){1,3}|\b[ap]\.m\.)$"
)
# "U.S." ends a sentence when a word that starts sentences follows (pysbd keeps them together).
_STARTERS = (
    r"(?:The|When|It|He|She|They|We|But|And|In|On|At|This|That|These|Those|If|As|After|Before"
    r"|While|Although|However|Meanwhile|El|La|Los|Las|En|Pero)\b"
)
_INITIALS_END = re.compile(rf"(?<=\b[A-Z]\.[A-Z]\.)\s+(?={_STARTERS})")
_STARTS_SENTENCE = re.compile(rf"\s*{_STARTERS}")
_INITIALS = re.compile(r"\b(?:[A-Z]\.){2,3}$")
_PYSBD_MAX_LINE = 4_000


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


@functools.cache
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def split_sentences(text: str, language: str = "en") -> list[Sentence]:
    """Sentences with their offsets, so that text[s.start:s.end] == s.text.

    A line break always ends a sentence (a headline is never glued to the first paragraph);
    inside a line pysbd finds the boundaries ("Rev. Smith", "No. 5", "U.S." do not end one)."""
    lang = "es" if (language or "").lower().startswith("es") else "en"
    sentences: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        pieces = _line_pieces(line.group(), lang) if line.group().strip() else []
        merged: list[tuple[int, int]] = []
        for start, end in pieces:
            previous = line.group()[merged[-1][0] : merged[-1][1]].rstrip() if merged else ""
            if previous.endswith(".") and _INITIALS.search(previous):
                ends = bool(_STARTS_SENTENCE.match(line.group(), start))  # "the U.S. When ..."
            else:
                ends = not _ABBREVIATIONS.search(previous)  # pysbd's Spanish lacks "Sr.", "Dra."
            if merged and not ends:
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        for start, end in merged:
            sentence = trimmed(text, line.start() + start, line.start() + end)
            if sentence.text:
                sentences.append(sentence)
    return sentences


def _line_pieces(line: str, lang: str) -> list[tuple[int, int]]:
    if len(line) > _PYSBD_MAX_LINE:
        return _regex_pieces(line)
    pieces, cursor = [], 0
    for span in _segmenter(lang).segment(line):
        start = (
            span.start if line[span.start : span.end] == span.sent else line.find(span.sent, cursor)
        )
        if start < 0:
            return _regex_pieces(line)  # pysbd changed the text: fall back rather than misplace
        cursor = start + len(span.sent)
        for boundary in _INITIALS_END.finditer(line, start, cursor):
            pieces.append((start, boundary.end()))  # "... to the U.S. When Trump ..."
            start = boundary.end()
        pieces.append((start, cursor))
    return pieces


def _regex_pieces(line: str) -> list[tuple[int, int]]:
    pieces, start = [], 0
    for boundary in _SENTENCE_END.finditer(line):
        if not _ABBREVIATIONS.search(line[start : boundary.start()]):
            pieces.append((start, boundary.start()))
            start = boundary.end()
    pieces.append((start, len(line)))
    return pieces


def trimmed(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(text[start:end], start, end)
