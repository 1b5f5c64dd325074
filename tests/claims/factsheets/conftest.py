"""A fact sheet shaped like the seed data: the 2019 US–Mexico border figures from two articles,
one of them a translation, with verdicts, notes and a claim nobody has checked yet."""

import datetime
import subprocess
from decimal import Decimal

import pytest

from claims.factsheets.services import sheet_add_claims, sheet_create
from claims.models import Hedge, Status
from claims.services import note_add
from sources.models import Claimant
from tests import factories

FIGURES = [
    "up to 6,000 National Guard troops",
    "80,500 migrants",
    "1,500 active duty troops",
    "more than $800 a year",
]


def pdf_text(pdf: bytes) -> str:
    """What a reader of the PDF sees, as Debian's poppler-utils (pdftotext) extracts it."""
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


def pdf_info(pdf: bytes) -> dict:
    """The PDF's metadata as poppler's pdfinfo reads it: {"CreationDate": "...", "Pages": "2"}."""
    done = subprocess.run(["pdfinfo", "-isodates", "-"], input=pdf, capture_output=True, check=True)
    lines = (line.split(":", 1) for line in done.stdout.decode().splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in lines}


@pytest.fixture
def seed_sheet(db, editor):
    reuters = factories.publisher(name="Reuters")
    jornada = factories.publisher(name="La Jornada")
    original = factories.source(
        publisher=jornada,
        title="México desplegará hasta 6 mil elementos de la Guardia Nacional",
        url="https://jornada.example/2019/06/07/guardia",
        published_on=datetime.date(2019, 6, 7),
        language="es",
    )
    article = factories.source(
        publisher=reuters,
        title="Mexico to deploy up to 6,000 National Guard troops to border",
        url="https://reuters.example/2019/06/07/mexico-guard",
        authors="Dave Graham, Frank Jack Daniel",
        published_on=datetime.date(2019, 6, 7),
        translation_of=original,
        archive_url="https://archive.example/reuters-mexico-guard",
        retrieved_at=datetime.datetime(2019, 6, 8, 9, 30, tzinfo=datetime.UTC),
    )
    report = factories.source(
        publisher=factories.publisher(name="Migration Policy Institute", kind="academic"),
        title="Border enforcement by the numbers",
        url="https://mpi.example/report",
        published_on=datetime.date(2019, 6, 1),
        date_precision="month",
    )
    ebrard = Claimant.objects.create(
        name="Marcelo Ebrard", description="Foreign Minister of Mexico"
    )
    pentagon = Claimant.objects.create(name="US Department of Defense", kind="organisation")
    troops = factories.claim(source=article, claimant=ebrard)
    deported = factories.claim(
        source=article,
        quote="80,500 migrants had been deported since December",
        value=Decimal("80500"),
        hedge=Hedge.EXACT,
        unit="migrants",
    )
    active = factories.claim(
        source=report,
        claimant=pentagon,
        quote="1,500 active duty troops",
        value=Decimal("1500"),
        hedge=Hedge.EXACT,
        unit="active duty troops",
    )
    cost = factories.claim(
        source=factories.source(
            title="What tariffs cost a family", published_on=datetime.date(2019, 6, 3)
        ),
        quote="more than $800 a year",
        value=Decimal("800"),
        hedge=Hedge.MORE_THAN,
        unit="USD",
        currency="USD",
        rate_period="year",
    )
    note_add(
        claim=troops, author=editor, body="Matches the SRE statement.", status_to=Status.VERIFIED
    )
    note_add(claim=active, author=editor, body="The order was for 1,000.", status_to=Status.FALSE)
    note_add(claim=cost, author=editor, body="Depends on the year.", status_to=Status.MISLEADING)
    sheet = sheet_create(
        title="Border deployments, June 2019", intro="Figures cited in our story.", user=editor
    )
    sheet_add_claims(sheet=sheet, claims=[troops, active, deported, cost])
    sheet.items.filter(claim=active).update(note="The figure the Pentagon later corrected.")
    return sheet
