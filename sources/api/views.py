"""Publishers, claimants and sources over HTTP: read for Journalists, write for Editors.

Nothing here is deleted through the API (405): a source with claims is protected, and the
admin is where an administrator removes, and can restore, a record.
"""

from factdb.api.viewsets import ReferenceViewSet
from sources.api.filters import ClaimantFilter, PublisherFilter, SourceFilter
from sources.api.serializers import (
    ClaimantSerializer,
    PublisherSerializer,
    SourceListSerializer,
    SourceSerializer,
)
from sources.models import Claimant, Publisher, Source


class PublisherViewSet(ReferenceViewSet):
    queryset = Publisher.objects.order_by("name", "id")
    serializer_class = PublisherSerializer
    filterset_class = PublisherFilter
    claim_path = "source__publisher"


class ClaimantViewSet(ReferenceViewSet):
    queryset = Claimant.objects.order_by("name", "id")
    serializer_class = ClaimantSerializer
    filterset_class = ClaimantFilter
    claim_path = "claimant"


class SourceViewSet(ReferenceViewSet):
    queryset = Source.objects.select_related("publisher").order_by("-published_on", "-id")
    serializer_class = SourceSerializer
    filterset_class = SourceFilter
    claim_path = "source"

    def get_serializer_class(self):
        return SourceListSerializer if self.action == "list" else SourceSerializer

    def get_queryset(self):
        sources = super().get_queryset()
        return sources.defer("text") if self.action == "list" else sources
