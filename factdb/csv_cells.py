"""Spreadsheet cells that cannot run as formulas, for every CSV factdb writes (API, fact sheets)."""

import re

# A cell starting with one of these is a formula to Excel, LibreOffice or Google Sheets.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def csv_safe(value) -> str:
    """The cell's text, with a leading apostrophe when it could run as a formula.

    Plain numbers ("-12.5") are left alone: a spreadsheet reads them as numbers, not formulas.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text
