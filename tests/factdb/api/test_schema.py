"""The OpenAPI schema validates with no warnings, and Swagger UI is served from this server's
own static files: there is no network to fetch a CDN from."""

import re

import yaml
from django.core.management import call_command


def test_the_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yml"
    # --fail-on-warn raises on any warning or error, in any view.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    for path in [
        "/api/v1/claims/",
        "/api/v1/claims/{id}/",
        "/api/v1/claims/{claim_pk}/notes/",
        "/api/v1/claims/{claim_pk}/history/",
        "/api/v1/sources/",
        "/api/v1/publishers/",
        "/api/v1/claimants/",
        "/api/v1/measures/",
        "/api/v1/auth/token/",
    ]:
        assert path in schema["paths"], path


def test_the_schema_documents_filters_and_if_match(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    listing = schema["paths"]["/api/v1/claims/"]["get"]
    names = {p["name"] for p in listing["parameters"]}
    assert {"value_min", "value_max", "status", "q", "ordering", "cursor", "page_size"} <= names
    patch = schema["paths"]["/api/v1/claims/{id}/"]["patch"]
    assert any(p["name"] == "If-Match" and p["required"] for p in patch["parameters"])


def test_swagger_ui_loads_only_local_assets(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)=["\']([^"\']+)["\']', html)
    assert any(url.startswith("/static/") and url.endswith(".js") for url in urls), urls
    # Same-origin paths only: no scheme, no protocol-relative "//host".
    assert all(url.startswith("/") and not url.startswith("//") for url in urls), urls
    for url in urls:
        if not url.startswith("/static/"):  # the page's own init script, served by the view
            script = client.get(url).content.decode()
            assert not re.search(r"https?://", script), url
    assert not re.search(r"https?://", html)
