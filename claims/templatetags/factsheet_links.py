"""Template filters for fact-sheet exports: only web links become links."""

from django import template

from claims.factsheets.branding import data_uri

register = template.Library()


@register.filter
def web_url(url: str) -> str:
    """The URL if it is http(s), else "": a stored javascript: or file: URL never becomes a link."""
    url = (url or "").strip()
    return url if url.lower().startswith(("https://", "http://")) else ""


@register.filter
def logo_uri(logo: dict) -> str:
    """The organisation's logo as the data: URI the sheet embeds (claims/factsheets/branding.py)."""
    return data_uri(logo)
