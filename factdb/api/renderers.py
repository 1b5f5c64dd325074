"""JSON out (orjson, DRF's bytes) and CSV out (any list or object; cells cannot run as formulas)."""

import csv
import io
import json

import orjson
from rest_framework import renderers
from rest_framework.utils import encoders

from factdb.csv_cells import csv_safe

_drf_encoder = encoders.JSONEncoder()
_LINE_SEPARATORS = (("\u2028".encode(), b"\\u2028"), ("\u2029".encode(), b"\\u2029"))


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON, written by orjson: a page of 50 claims in 0.1 ms instead of 0.7 ms.

    The bytes are DRF's own: compact, UTF-8, U+2028/U+2029 escaped; whatever orjson does not
    write the way DRF does (dates and times, Decimal, lazy strings, sets) goes to DRF's encoder.
    Indented output (the browsable API, `; indent=4`) and anything orjson refuses (integers
    beyond 64 bits) are left to DRF's renderer.
    """

    options = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS

    def render(self, data, accepted_media_type=None, renderer_context=None):
        indent = self.get_indent(accepted_media_type, renderer_context or {})
        if data is None or indent is not None or not self.compact or self.ensure_ascii:
            return self._drf_render(data, accepted_media_type, renderer_context)
        try:
            out = orjson.dumps(data, default=_drf_encoder.default, option=self.options)
        except orjson.JSONEncodeError:
            return self._drf_render(data, accepted_media_type, renderer_context)
        for raw, escaped in _LINE_SEPARATORS:
            if raw in out:
                out = out.replace(raw, escaped)
        return out

    def _drf_render(self, data, accepted_media_type, renderer_context):
        try:
            return super().render(data, accepted_media_type, renderer_context)
        except UnicodeEncodeError:
            # A lone surrogate echoed back (an error naming the bad choice "\ud800") is no UTF-8;
            # written as JSON's \u escape it is.
            return json.dumps(
                data, cls=self.encoder_class, ensure_ascii=True, separators=(",", ":")
            ).encode()


def flatten(row: dict, prefix: str = "") -> dict:
    """{"citation": {"title": "…"}, "tags": ["a", "b"]}
    -> {"citation.title": "…", "tags": "a; b"}."""
    flat = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        elif isinstance(value, list):
            flat[name] = "; ".join(
                json.dumps(item, default=str) if isinstance(item, dict | list) else csv_safe(item)
                for item in value
            )
        else:
            flat[name] = value
    return flat


class CSVRenderer(renderers.BaseRenderer):
    """`?format=csv` on any list (one page of it, like JSON) or object; errors become rows too."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        response = renderer_context.get("response")
        if response is not None and response.status_code >= 400:
            rows = [{"field": key, "message": value} for key, value in _error_items(data)]
        else:
            rows = _rows(data)
            view = renderer_context.get("view")
            if response is not None and view is not None:
                name = getattr(view, "basename", None) or "export"
                response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        flat = [flatten(row) for row in rows]
        columns = list(dict.fromkeys(key for row in flat for key in row))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([csv_safe(column) for column in columns])
        for row in flat:
            writer.writerow([csv_safe(row.get(column)) for column in columns])
        # backslashreplace: a lone surrogate echoed in an error row is written as "\ud800".
        return out.getvalue().encode(self.charset, "backslashreplace")


def _rows(data) -> list[dict]:
    if data is None:
        return []
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return data["results"]
    if isinstance(data, list):
        return [row if isinstance(row, dict) else {"value": row} for row in data]
    return [data]


def _error_items(data):
    if isinstance(data, dict):
        for key, value in data.items():
            for message in value if isinstance(value, list) else [value]:
                yield key, message
    else:
        for message in data if isinstance(data, list) else [data]:
            yield "detail", message
