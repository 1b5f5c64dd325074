"""What English a page still shows: the words of a list, and every phrase our catalogue and
Django's own Spanish catalogues translate (a phrase on a Spanish page is one left untranslated).

english_on_page(text, data) -> ["Add claim", "claims"]: what is left once the data (quotes,
titles, names) are taken out of the page's visible text.
"""

import functools
import re
from pathlib import Path

import django

from factdb.catalogues import parse

ROOT = Path(__file__).resolve().parents[2]
DJANGO = Path(django.__file__).parent
CATALOGUES = [
    ROOT / "locale/es/LC_MESSAGES/django.po",
    DJANGO / "contrib/admin/locale/es/LC_MESSAGES/django.po",
    DJANGO / "contrib/admin/locale/es/LC_MESSAGES/djangojs.po",
    DJANGO / "contrib/auth/locale/es/LC_MESSAGES/django.po",
    DJANGO / "conf/locale/es/LC_MESSAGES/django.po",
]

# English a page could still show: our catalogue's and the admin's words, and the glue words of
# English sentences. None of them is a Spanish word.
ENGLISH_WORDS = set(
    """the and of to by with from for is this that claim claims source sources status figure
    quote review queue verified unverified note notes save delete history filter search add
    change view log password welcome home date any today past days month year none unknown
    assigned nobody verify dispute false misleading retracted proposal proposals measure
    measures tags summary unit value hedge exactly approximately range vague who when where
    record verification anchoring text more less than least most up per hour day week action
    actions recent select selected go show hide yes users groups publisher publishers claimant
    claimants sheet sheets fact deleted records language site administration withdraw withdrawn
    import imported queued running done failed lineage appearance appearances saved searches
    export print author authors title kind published forbidden found page january february march
    april may june july august september october november december""".split()
)

# What a msgid's literal parts are split at: placeholders, markup and sentence punctuation.
_BREAKS = re.compile(r"%\(\w+\)[sdfr]|%[sdf]|\{[^}]*\}|<[^>]*>|[.:;!?()\[\]“”\"«»…|/]|\\n|—")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def phrases_of(msgid: str) -> list[str]:
    """The literal parts of a msgid of two words or more, as they would read on a page."""
    found = []
    for part in _BREAKS.split(msgid):
        part = " ".join(part.split()).strip(" ,'’-–")
        if len(_WORD.findall(part)) >= 2 and not re.search(r"[^\x00-\x7f]", part):
            found.append(part)
    return found


@functools.cache
def catalogue_phrases() -> frozenset[str]:
    """Every English phrase (two words or more) the catalogues translate into something else."""
    phrases = set()
    for path in CATALOGUES:
        for entry in parse(path.read_text(encoding="utf-8")):
            msgstr = entry.msgstr.get("", entry.msgstr.get("0", ""))
            if not msgstr or msgstr == entry.msgid or "fuzzy" in entry.flags:
                continue
            kept = msgstr.lower()
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                # A phrase the translation keeps as it is ("en, es-MX") is not English left.
                phrases.update(p.lower() for p in phrases_of(msgid) if p.lower() not in kept)
    return frozenset(phrases)


def without_data(text: str, data: list[str]) -> str:
    """`text` without the data, and without web addresses (their paths are code: "/sheets/")."""
    for value in sorted({value for value in data if value}, key=len, reverse=True):
        text = text.replace(value, " | ")
    return " ".join(re.sub(r"https?://\S+", " | ", text).split())


def english_words(text: str) -> list[str]:
    """Words of the list; a parameter's name ("value_min") is code, not English prose."""
    words = re.findall(r"[A-Za-z_]+", text)
    return sorted({w for w in words if "_" not in w and w.lower() in ENGLISH_WORDS})


def english_phrases(text: str) -> list[str]:
    """The catalogue's phrases in `text`, whole words only, whatever the case (the admin's CSS
    upper-cases some headings, and innerText reads them so)."""
    lowered = " ".join(text.split()).lower()
    found = []
    for phrase in catalogue_phrases():
        start = lowered.find(phrase)
        while start != -1:
            end = start + len(phrase)
            before = lowered[start - 1] if start else " "
            after = lowered[end] if end < len(lowered) else " "
            if not (before.isalnum() or after.isalnum()):
                found.append(phrase)
                break
            start = lowered.find(phrase, start + 1)
    return sorted(found)


def english_on_page(text: str, data: list[str]) -> list[str]:
    left = without_data(text, data)
    return english_phrases(left) + english_words(left)
