"""Serializer mixins every app's API uses."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from factdb.api.permissions import reads_publicly


class HideFromAnonymous:
    """Serializer mixin: `private_fields` are left out for anonymous (public) readers."""

    private_fields: tuple[str, ...] = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and reads_publicly(request):
            for name in self.private_fields:
                data.pop(name, None)
        return data


class FullCleanMixin:
    """ModelSerializer mixin: the model's own validation (clean(), constraints) runs before a
    save, so the API refuses exactly what the admin refuses, with the same field names."""

    def create(self, validated_data):
        instance = self.Meta.model(**validated_data)
        instance.full_clean()
        instance.save()
        return instance

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        instance.full_clean()
        instance.save()
        return instance


class RefuseReadOnlyFields:
    """Serializer mixin: a write that sends a read-only field is a 400 naming it, not a silent 200
    that changed nothing. `read_only_help` explains a field where the way to change it is
    elsewhere ("status": "… POST a note with status_to")."""

    read_only_help: dict[str, str] = {}

    def to_internal_value(self, data):
        if isinstance(data, dict):
            fields = self.fields
            refused = {
                name: [str(self.read_only_help.get(name, _("This field is read-only.")))]
                for name in data
                if name in fields and fields[name].read_only
            }
            if refused:
                raise serializers.ValidationError(refused)
        return super().to_internal_value(data)
