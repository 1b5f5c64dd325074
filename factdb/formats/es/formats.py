"""Spanish as the newsroom reads it: Mexico's conventions by default ("6,000", "2.5", "14 de
febrero de 2025"), Spain's ("6.000", "2,5") with FACTDB_SPANISH_REGION=ES."""

from django.conf import settings

if settings.FACTDB_SPANISH_REGION == "ES":
    from django.conf.locale.es.formats import *  # noqa: F403
else:
    from django.conf.locale.es_MX.formats import *  # noqa: F403
