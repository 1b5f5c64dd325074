"""Which language factdb speaks: the browser's Accept-Language, or a user's saved choice
(LanguagePreference, with its history); dates and numbers as the language writes them."""

import datetime
from decimal import Decimal

from django.test import override_settings
from django.utils import formats, translation

from factdb.language import language_set
from factdb.languages import figure_language, supported
from factdb.models import LanguagePreference
from sources.models import format_date_with_precision

ADMIN = "/admin/"


def test_the_browser_language_picks_spanish(client, editor):
    client.force_login(editor)
    page = client.get(ADMIN, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9").content.decode()
    assert "Cola de revisión" in page and "Review queue" not in page
    assert "Review queue" in client.get(ADMIN).content.decode()


def test_a_saved_language_wins_over_the_browser(client, editor):
    language_set(user=editor, language="en")
    client.force_login(editor)
    page = client.get(ADMIN, HTTP_ACCEPT_LANGUAGE="es-MX").content.decode()
    assert "Review queue" in page


def test_the_language_page_saves_the_choice_with_its_history(client, editor):
    client.force_login(editor)
    response = client.post("/admin/language/", {"language": "es"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "es"
    preference = LanguagePreference.objects.get(user=editor)
    assert preference.language == "es"
    record = preference.history.get()
    assert (record.history_user, record.history_type) == (editor, "+")
    assert "Cola de revisión" in client.get(ADMIN).content.decode()

    client.post("/admin/language/", {"language": ""})  # back to the browser's
    assert [r.language for r in preference.history.order_by("history_id")] == ["es", ""]
    assert "Review queue" in client.get(ADMIN).content.decode()


def test_an_unknown_language_is_a_400_that_names_it(client, editor):
    client.force_login(editor)
    response = client.post("/admin/language/", {"language": "fr"})
    assert response.status_code == 400
    assert not LanguagePreference.objects.exists()


def test_every_staff_member_may_set_their_own_language(client, journalist):
    client.force_login(journalist)
    assert client.get("/admin/language/").status_code == 200


def test_dates_read_as_each_language_writes_them():
    day = datetime.date(2025, 2, 14)
    assert format_date_with_precision(day, "day") == "14 February 2025"
    assert format_date_with_precision(day, "day", "es") == "14 de febrero de 2025"
    june = datetime.date(2019, 6, 1)
    assert format_date_with_precision(june, "month", "es") == "junio de 2019"
    assert format_date_with_precision(june, "year", "es") == "2019"
    with translation.override("es"):  # stored and exported text stays English by default
        assert format_date_with_precision(june, "month") == "June 2019"


def test_spanish_figures_carry_the_region():
    assert supported("es-MX") == "es" and supported("fr") is None
    assert figure_language("es") == "es-MX"
    assert figure_language("es-ES") == "es-ES"
    assert figure_language("en-us") == "en"
    with override_settings(FACTDB_SPANISH_REGION="ES"):
        assert figure_language("es") == "es-ES"


def test_the_admin_in_spanish_writes_numbers_as_mexico_does():
    with translation.override("es"):
        assert formats.number_format(Decimal("6000.5"), 1, force_grouping=True) == "6,000.5"


def test_figure_language_carries_the_thousands_choice(settings):
    assert figure_language("es", thousands="mil") == "es-MX-x-mil"
    assert figure_language("es-ES", thousands="mil") == "es-ES"  # Spain writes "6.000"
    assert figure_language("en", thousands="mil") == "en"
    settings.FACTDB_SPANISH_THOUSANDS = "mil"
    assert figure_language("es") == "es-MX-x-mil"
    assert figure_language("es", thousands="digits") == "es-MX-x-digits"
    assert figure_language(figure_language("es", thousands="digits")) == "es-MX-x-digits"
