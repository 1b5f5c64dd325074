"""Reading gettext catalogues (.po) and checking that nothing in them waits for a translator.

The check behind `make messages-check` (and `make lint`): run makemessages on a copy of the
project and read what it wrote. A string someone marked since the catalogue was last translated
comes out with an empty msgstr; one whose English changed comes out "fuzzy" (msgmerge's guess,
which gettext never shows); one that disappeared from the code is gone from the copy. Any of the
three fails, naming the string and `make messages` as the fix.

    problems(entries("locale/es/LC_MESSAGES/django.po"))  -> []   when every string is done
"""

import ast
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*")\s*$')
_CONTINUATION = re.compile(r'^(".*")\s*$')


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[str, str] = field(default_factory=dict)  # "" or "0", "1"… for plurals
    flags: set[str] = field(default_factory=set)
    locations: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    @property
    def where(self) -> str:
        return ", ".join(self.locations) or "?"


def _unquote(literal: str) -> str:
    # A .po string is a C string: the escapes a Python literal reads the same way.
    return ast.literal_eval(literal)


def parse(text: str) -> list[Entry]:
    """Every entry of a .po file but its header (the entry with an empty msgid); obsolete
    entries ("#~") are left out: gettext does not use them."""
    found, entry, last = [], Entry(), None
    saw_keyword = False

    def flush():
        nonlocal entry, saw_keyword
        if saw_keyword and entry.msgid:
            found.append(entry)
        entry, saw_keyword = Entry(), False

    for line in text.splitlines():
        if not line.strip():
            flush()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#:"):
            entry.locations += line[2:].split()
            continue
        if line.startswith("#"):
            continue
        keyword = _KEYWORD.match(line)
        if keyword:
            name, value = keyword.group(1), _unquote(keyword.group(2))
            if name == "msgid" and saw_keyword and (entry.msgid or entry.msgstr):
                flush()  # no blank line between two entries
            saw_keyword = True
            last = name
            _set(entry, name, value)
            continue
        more = _CONTINUATION.match(line)
        if more and last:
            _set(entry, last, _get(entry, last) + _unquote(more.group(1)))
    flush()
    return found


def _set(entry: Entry, name: str, value: str) -> None:
    if name.startswith("msgstr"):
        index = name[7:-1] if "[" in name else ""
        entry.msgstr[index] = value
    else:
        setattr(entry, name, value)


def _get(entry: Entry, name: str) -> str:
    if name.startswith("msgstr"):
        return entry.msgstr.get(name[7:-1] if "[" in name else "", "")
    return getattr(entry, name) or ""


def problems(fresh: list[Entry], committed: list[Entry] | None = None) -> list[str]:
    """What stops the catalogue from being complete, one line each: strings without a
    translation, fuzzy guesses, and (given the committed catalogue) strings no longer in it or
    no longer in the code."""
    found = []
    for entry in fresh:
        if "fuzzy" in entry.flags:
            found.append(
                _("fuzzy (check the guess, then drop the flag): %(msgid)r [%(where)s]")
                % named(entry)
            )
        elif not entry.msgstr or any(not text for text in entry.msgstr.values()):
            found.append(_("untranslated: %(msgid)r [%(where)s]") % named(entry))
    if committed is not None:
        fresh_keys = {entry.key for entry in fresh}
        committed_keys = {entry.key for entry in committed}
        for entry in fresh:
            if entry.key not in committed_keys and not any(entry.msgid in p for p in found):
                found.append(
                    _("not in the committed catalogue: %(msgid)r [%(where)s]") % named(entry)
                )
        for entry in committed:
            if entry.key not in fresh_keys:
                found.append(_("no longer in the code: %(msgid)r [%(where)s]") % named(entry))
    return found


def named(entry: Entry) -> dict[str, str]:
    return {"msgid": entry.msgid, "where": entry.where}


# What makemessages reads: the product's code and templates (not the tests, the benchmarks or
# the virtualenv), one file per location line so a merge conflicts on strings, not line numbers.
SCANNED = ["claims", "sources", "factdb", "templates", "manage.py"]
MAKEMESSAGES_OPTIONS = [
    # .css too: the fact sheet's stylesheet is a template (its page footer says "Page 1 of 2").
    "--extension=html,txt,py,css",
    "--no-obsolete",
    "--add-location",
    "file",
    *(f"--ignore={name}" for name in ["tests", "bench", "scripts", "var", "staticfiles"]),
]
