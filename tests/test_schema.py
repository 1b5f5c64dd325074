"""The OpenAPI schema documents every answer an operation can give, errors included."""

import yaml


def schema(client):
    return yaml.safe_load(client.get("/api/schema/").content)


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def test_every_operation_documents_its_error_answers(client, db):
    document = schema(client)
    assert "Error" in document["components"]["schemas"]
    for path, method, operation in operations(document):
        codes = set(operation["responses"])
        assert {"400", "401", "403", "404", "429"} <= codes, (method, path)
        if method != "get":
            assert {"409", "412", "413", "428"} <= codes, (method, path)


def test_blank_able_url_fields_do_not_promise_a_uri(client, db):
    components = schema(client)["components"]["schemas"]
    for name in ("Publisher", "Citation", "Source", "Note"):
        for field in ("homepage", "archive_url", "evidence_url"):
            prop = components[name]["properties"].get(field)
            if prop is not None:
                # Either no URI format at all, or drf-spectacular's oneOf [a URI, ""].
                assert prop.get("format") != "uri", (name, field)
