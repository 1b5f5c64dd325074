"""A claim's lineage over HTTP: where its figure appeared first, and every other appearance.

GET  /api/v1/claims/<id>/lineage/  -> {"first": id, "appearances": [{"claim", "source",
     "publisher", "published_on", "language", "relation", …}, …]} in date order, among the
     claims the reader may read (anonymous public readers: verified claims only)
POST /api/v1/claims/<id>/lineage/  {"action": "confirm"} | {"action": "split"} |
     {"action": "merge", "with": <claim id>}  (Editors), answered with the lineage
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from claims import lineage_services
from claims.agreement.lineage import RELATIONS
from claims.lineage_selectors import claim_lineage, lineage_rows
from claims.selectors import visible_claims


class AppearanceSerializer(serializers.Serializer):
    claim = serializers.IntegerField()
    source = serializers.IntegerField()
    publisher = serializers.CharField()
    published_on = serializers.CharField(help_text=_("ISO 8601, as precise as known: 2019-06."))
    language = serializers.CharField()
    relation = serializers.ChoiceField(choices=RELATIONS)
    changes = serializers.ListField(child=serializers.CharField())
    drift = serializers.CharField(help_text=_("Why the meaning changed from the first, or empty."))
    figure = serializers.CharField()
    quote = serializers.CharField()
    confirmed = serializers.BooleanField()


class LineageSerializer(serializers.Serializer):
    first = serializers.IntegerField()
    lineage = serializers.IntegerField(allow_null=True)
    appearances = AppearanceSerializer(many=True)


class LineageActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["confirm", "split", "merge"])

    def to_internal_value(self, data):
        unknown = set(data) - set(self.fields)
        if unknown:
            raise serializers.ValidationError(
                {name: [_("Unknown field.")] for name in sorted(unknown)}
            )
        values = super().to_internal_value(data)
        if values["action"] == "merge" and "with" not in values:
            raise serializers.ValidationError({"with": [_("Name the claim to merge with.")]})
        return values


# `with` is a Python keyword, so it cannot be declared in the class body.
LineageActionSerializer._declared_fields["with"] = serializers.IntegerField(
    required=False, min_value=1, help_text=_("merge: the claim whose figure this one is.")
)


@extend_schema(description=_("Where a claim's figure came from and where it went."))
class ClaimLineageView(generics.GenericAPIView):
    serializer_class = LineageSerializer
    pagination_class = None
    filter_backends = []
    public_read = True

    def get_queryset(self):
        return visible_claims(self.request.user)

    def required_permissions(self, method):
        if method == "POST":
            return ["claims.change_claim"]
        return None

    def answer(self, claim, **response) -> Response:
        view, lineage = claim_lineage(claim, self.request.user)
        body = {
            "first": view.first.claim_id,
            "lineage": lineage.pk if lineage else None,
            "appearances": lineage_rows(view),
        }
        return Response(body, **response)

    @extend_schema(summary=_("A claim's lineage: its figure's appearances in date order"))
    def get(self, request, *args, **kwargs):
        return self.answer(get_object_or_404(self.get_queryset(), pk=self.kwargs["claim_pk"]))

    @extend_schema(
        summary=_("Confirm, split or merge a claim's lineage (Editors)"),
        request=LineageActionSerializer,
    )
    def post(self, request, *args, **kwargs):
        claim = get_object_or_404(self.get_queryset(), pk=self.kwargs["claim_pk"])
        action = LineageActionSerializer(data=request.data)
        action.is_valid(raise_exception=True)
        data = action.validated_data
        try:
            if data["action"] == "confirm":
                _view, lineage = claim_lineage(claim)
                if lineage is None:
                    raise ValidationError(_("This claim is in no lineage: nothing to confirm."))
                lineage_services.lineage_confirm(lineage=lineage, user=request.user)
            elif data["action"] == "split":
                lineage_services.lineage_split(claims=[claim], user=request.user)
            else:
                other = get_object_or_404(self.get_queryset(), pk=data["with"])
                if other.pk == claim.pk:
                    raise ValidationError(_("A claim cannot be merged with itself."))
                lineage_services.lineage_merge_claims(claim=claim, other=other, user=request.user)
        except ValidationError as error:
            raise serializers.ValidationError({"action": error.messages}) from None
        return self.answer(claim, status=status.HTTP_200_OK)
