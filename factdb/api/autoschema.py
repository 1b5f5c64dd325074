"""The OpenAPI schema's inspector: drf-spectacular's, without descriptions taken from docstrings.

Docstrings are notes in English for the code's readers (a mixin's even leaked into every
serializer built on it); what the schema tells a client is marked for translation and written
in the reader's language (issue 20): a view says what an operation does with
extend_schema(description=…), a serializer with a `schema_description` class attribute. Its own
module: DRF imports it while the views that use it are still being imported.
"""

from drf_spectacular import openapi


class AutoSchema(openapi.AutoSchema):
    def get_description(self):
        return ""  # extend_schema(description=…) overrides this

    def _map_basic_serializer(self, serializer, direction):
        component = super()._map_basic_serializer(serializer, direction)
        component.pop("description", None)
        description = getattr(serializer, "schema_description", None)
        if description:
            component["description"] = str(description)
        return component
