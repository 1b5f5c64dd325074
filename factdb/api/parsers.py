"""JSON in: numbers as Decimal, NaN and Infinity refused naming their key."""

import json
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers


class _NonFinite(str):
    """JSON's NaN/Infinity literal, kept as a marker so the error can name its field."""


def _refuse_non_finite(pairs):
    for key, value in pairs:
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, _NonFinite):
                raise exceptions.ValidationError(
                    {key: [_("%(item)s is not a number; send a finite figure.") % {"item": item}]}
                )
    return dict(pairs)


class JSONParser(parsers.JSONParser):
    """Numbers are parsed as Decimal (exact, and 1e309 stays a number the field can refuse by
    name rather than becoming a float infinity); NaN and Infinity are refused naming the key."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(
                stream.read().decode(encoding),
                parse_float=Decimal,
                parse_constant=_NonFinite,
                object_pairs_hook=_refuse_non_finite,
            )
        except (ValueError, UnicodeDecodeError) as exc:
            raise exceptions.ParseError(
                _("JSON parse error - %(error)s") % {"error": exc}
            ) from None
        except RecursionError:
            # json's decoder recurses once per level: 2,000 nested brackets exhaust the stack.
            raise exceptions.ParseError(_("JSON parse error - nested too deeply.")) from None
        if isinstance(data, _NonFinite):
            raise exceptions.ParseError(_("%(data)s is not a number.") % {"data": data})
        return data
