"""Who a sentence says a figure comes from. Pure text rules, no database.

``find_claimant(sentence, language)`` returns the name as written, or None when the source
itself asserts the figure::

    "Tariffs would cost $800 a year, Mr. Smith said."          -> "Mr. Smith"
    "... 6,000 troops, according to the Pentagon."              -> "the Pentagon"
    '"We sent 1,500," said Defense Secretary Mark Esper.'       -> "Defense Secretary Mark Esper"
    "Since December, the Mexican government has deported ..."  -> "the Mexican government"
    "... 6 mil elementos, informó la Secretaría de Defensa."    -> "la Secretaría de Defensa"
    "Según el INM, ..."                                          -> "el INM"

Three shapes, tried in this order: a source phrase ("according to X", "según X"), a speech verb
with its speaker on either side ("X said", "said X", "dijo X"), and, when neither is there, an
institution that is the subject of the clause ("the Mexican government has deported"): the figure
is that institution's own count, reported by the source.
"""

from __future__ import annotations

import re

_SPEECH_EN = (
    "said says told reported announced estimated stated claimed added noted warned wrote "
    "confirmed testified tweeted explained insisted argued acknowledged admitted predicted "
    "revealed disclosed released published"
)
_SPEECH_ES = (
    "dijo dice informó informa anunció afirmó afirma señaló señala aseguró asegura declaró "
    "explicó indicó indica estimó detalló precisó reportó reconoció advirtió destacó sostuvo "
    "agregó añadió publicó reveló informaron señalaron indicaron detallaron explicaron "
    "aseguraron afirmaron reportaron anunciaron"
)
_SOURCE_PHRASE = {
    "en": r"according to|as reported by|data from|figures from|estimates by",
    "es": r"según|de acuerdo con|de acuerdo a|conforme a|con datos de|con cifras de",
}
# Words that end a speaker's name: the clause goes on after them.
_STOP_EN = (
    "that which who whose when while after before because as if in on at for to from with by "
    "and but or than since during over about this last next on"
)
_STOP_ES = "que quien cuyo cuando mientras tras antes porque si en a para con por y pero o desde"
_STOP = {
    "en": set(_STOP_EN.split()),
    "es": set(_STOP_ES.split()),
}
# Head nouns of institutions that publish their own counts ("the Mexican government has deported").
INSTITUTIONS = set(
    """government administration ministry department agency army navy police guard commission
    institute office secretariat pentagon military authorities officials council court bureau
    service agency patrol gobierno secretaría secretaria instituto comisión ejército guardia
    policía autoridades dependencia cancillería presidencia ministerio""".split()
)
_NAME = r"[^\W\d_][\w.'’-]*"
_SPEECH = {"en": set(_SPEECH_EN.split()), "es": set(_SPEECH_ES.split())}
_PRONOUNS = {
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "él",
    "ella",
    "ellos",
    "ellas",
    "who",
    "which",
    "this",
    "that",
}
# Words keep inner points ("U.S", "t.métrica"); the closing point of "Mr." is joined back later.
_WORD = re.compile(r"[^\W\d_](?:[\w'’&-]|\.(?=[^\W\d_]))*|\d[\d,.]*|[^\w\s]")


def _language(code: str | None) -> str:
    return "es" if (code or "").lower().startswith("es") else "en"


def find_claimant(sentence: str, language: str = "en", figure_at: int | None = None) -> str | None:
    """The claimant a sentence names, as written; None when the source asserts the figure.
    ``figure_at`` (the figure's offset in the sentence) keeps a subject after it out."""
    lang = _language(language)
    words = [m.group() for m in _WORD.finditer(sentence)]
    before = None
    if figure_at is not None:
        before = sum(1 for m in _WORD.finditer(sentence) if m.start() < figure_at)
    return (
        _after_source_phrase(sentence, lang)
        or _around_speech_verb(words, lang)
        or _institution_subject(words, lang, before)
    )


def _phrase_from(words: list[str], i: int, lang: str, limit: int = 8) -> str | None:
    """The noun phrase starting at words[i], ending at punctuation, a clause word or a number."""
    taken: list[str] = []
    for n, w in enumerate(words[i : i + limit], i):
        low = w.lower()
        nxt = words[n + 1] if n + 1 < len(words) else ""
        if low in _NAME_JOINERS and taken and taken[-1][0].isupper() and nxt[:1].isupper():
            taken.append(w)  # "Immigration and Customs Enforcement", "Seguridad y Protección"
            continue
        if not w[0].isalpha() or (taken and low in _STOP[lang]) or low in _SPEECH[lang]:
            if w == "." and taken and _abbreviated(taken[-1]) and len(taken) < limit:
                taken[-1] += "."  # "Mr. Smith", "U.S. officials"
                continue
            break
        taken.append(w)
    while taken and taken[-1].lower() in _STOP[lang] | _NAME_JOINERS | _ARTICLES | {"a"}:
        taken.pop()
    if not taken or taken[0].lower() in _PRONOUNS:
        return None
    return " ".join(taken).replace(" .", ".")


_NAME_JOINERS = {"and", "y", "of", "de", "del", "&"}
_GENERIC_HEADS = {"data", "figures", "statistics", "numbers", "estimates", "report", "reports"}
_TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gen", "gov", "sr", "sra", "dra", "lic", "ing"}


def _abbreviated(word: str) -> bool:
    return word.lower() in _TITLES or "." in word


def _after_source_phrase(sentence: str, lang: str) -> str | None:
    m = re.search(rf"\b(?:{_SOURCE_PHRASE[lang]})\s+", sentence, re.IGNORECASE)
    if m is None:
        return None
    words = [w.group() for w in _WORD.finditer(sentence[m.end() :])]
    start = 0
    while start < len(words) and words[start].lower() in _ARTICLES | _GENERIC_HEADS:
        start += 1
    if start and start < len(words) and words[start].lower() in {"from", "of", "by", "de", "del"}:
        words = words[start + 1 :]  # "according to the data from the Department of ..."
    phrase = _phrase_from(words, 0, lang)
    # "according to local media reports", "según dijo": no one is named, other rules may find
    # the speaker ("..., President Claudia Sheinbaum stated, according to local media reports")
    return phrase if phrase and any(w[0].isupper() for w in phrase.split()) else None


def _around_speech_verb(words: list[str], lang: str) -> str | None:
    for i, w in enumerate(words):
        low = w.lower()
        if low in {"dio", "dieron"} and [x.lower() for x in words[i + 1 : i + 3]] == [
            "a",
            "conocer",
        ]:
            after_at = i + 3  # "la SFP dio a conocer que ..."
        elif low in {"show", "shows", "showed"} and i and words[i - 1].lower() in _GENERIC_HEADS:
            before = _speaker_before(words, i - 1, lang)  # "DHS data show"
            if before:
                return before
            continue
        elif low in _SPEECH[lang]:
            after_at = i + 1
        else:
            continue
        # "Trump said", "la funcionaria destacó" name the speaker before the verb; "said Trump",
        # "informó la Secretaría" after it, when nothing stands before.
        before = _speaker_before(words, i, lang)
        if before:
            return before
        after = _phrase_from(words, after_at, lang)
        if after and _looks_like_speaker(after):
            return after
    return None


def _speaker_before(words: list[str], i: int, lang: str) -> str | None:
    """The words right before a speech verb, back to a comma, quote or clause word. An
    apposition is skipped: "Luis Miranda, a DHS spokesman, reported" names Luis Miranda."""
    if i and words[i - 1] == ",":
        return _name_before_apposition(words, i - 1)
    j = i
    while j > 0 and i - j < 9:
        w = words[j - 1]
        if w == ")" and j > 2 and words[j - 3] == "(":
            j -= 3  # "the Immigration and Customs Enforcement Service (ICE) reported"
            continue
        if not w[0].isalpha() and not (w == "." and j > 1 and _abbreviated(words[j - 2])):
            break
        joined = w.lower() in _NAME_JOINERS and j > 1 and words[j - 2][:1].isupper()
        if w.lower() in _STOP[lang] and not joined:
            break
        j -= 1
    if j == i:
        return None
    while j < i - 1 and words[j][:1].islower() and words[j].lower() not in _ARTICLES:
        j += 1  # "previously unpublished US Department of ..." starts at the name
    acronym = ""
    if i - j > 3 and words[i - 1] == ")" and words[i - 3] == "(":
        acronym, i = f" ({words[i - 2]})", i - 3
    phrase = _phrase_from(words[j:i], 0, lang, limit=i - j)
    return phrase + acronym if phrase and _looks_like_speaker(phrase) else None


def _name_before_apposition(words: list[str], comma: int) -> str | None:
    """The proper name before ", a DHS spokesman," / ", secretario de Seguridad (SSPC),"."""
    opening = next((k for k in range(comma - 1, max(comma - 14, -1), -1) if words[k] == ","), None)
    if opening is None or opening < 1:
        return None
    end = start = opening
    while start > 0 and (
        words[start - 1][:1].isupper() or words[start - 1].lower() in {"de", "del"}
    ):
        start -= 1
    while start < end and not words[start][:1].isupper():
        start += 1
    return " ".join(words[start:end]) if end - start >= 1 else None


def _looks_like_speaker(phrase: str) -> bool:
    """A name ("Mr. Smith"), a determiner with a role or institution ("the ministry"), or an
    acronym ("el INM"); not a common noun phrase that happens to sit next to "said"."""
    words = phrase.split()
    if any(w[0].isupper() for w in words):
        return True
    return words[0].lower() in {"the", "el", "la", "los", "las"} and len(words) > 1


def _institution_subject(words: list[str], lang: str, before: int | None) -> str | None:
    """'Since December, the Mexican government has deported ...': an institution that opens a
    clause (at the start or after a comma) and is followed by its verb, before the figure."""
    for i, w in enumerate(words[:before]):
        if w.lower() not in INSTITUTIONS:
            continue
        start = i
        while start > 0 and words[start - 1][0].isalpha() and i - start < 4:
            start -= 1
            if words[start].lower() in _ARTICLES:
                break
        if words[start].lower() not in _ARTICLES or (start and words[start - 1] != ","):
            continue
        end = i + 1
        while end + 1 < len(words) and words[end].lower() in {"of", "de", "del"}:
            if not words[end + 1][0].isupper():
                break
            end += 2  # "the Department of Homeland Security", "la Secretaría de Defensa"
        nxt = words[end].lower() if end < len(words) else ""
        if nxt and (nxt in _VERB_LEADS[lang] or nxt.endswith(("ed", "ó", "aron"))):
            return " ".join(words[start:end])
    return None


_ARTICLES = {"the", "el", "la", "los", "las"}
_VERB_LEADS = {
    "en": set("has have had is are was were will would plans plan deported sent".split()),
    "es": set("ha han había es son fue fueron será desplegará deportó envió".split()),
}
