"""Real articles for the lineage tests (tests/data/lineage/, each cited in SOURCES.json), imported
with the command an editor runs: `import_source FILE --extract [--translation-of ID]`."""

import io
import json
from pathlib import Path

from django.core.management import call_command

from sources.models import Source

DATA = Path(__file__).resolve().parent / "data" / "lineage"
MANIFEST = json.loads((DATA / "SOURCES.json").read_text())["sources"]
BOONVILLE = ["boonville_ap_en", "boonville_ap_es", "boonville_indiatv_en"]


def import_article(name: str, user) -> Source:
    entry = MANIFEST[name]
    args = [
        str(DATA / entry["file"]),
        "--title", entry["title"],
        "--publisher", entry["publisher"],
        "--published", entry["published"],
        "--language", entry["language"],
        "--url", entry["url"],
        "--authors", entry["authors"],
        "--user", user.username,
        "--extract",
    ]  # fmt: skip
    if "translation_of" in entry:
        original = Source.objects.get(url=MANIFEST[entry["translation_of"]]["url"])
        args += ["--translation-of", str(original.pk)]
    call_command("import_source", *args, stdout=io.StringIO())
    return Source.objects.get(url=entry["url"])


def import_boonville(user) -> list[Source]:
    """The AP story, AP's Spanish version (translation_of it) and India TV's repetition."""
    return [import_article(name, user) for name in BOONVILLE]
