"""Serializer mixins every app's API uses."""


class HideFromAnonymous:
    """Serializer mixin: `private_fields` are left out for anonymous (public) readers."""

    private_fields: tuple[str, ...] = ()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not request.user.is_authenticated:
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
