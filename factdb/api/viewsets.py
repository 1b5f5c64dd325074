"""The base class of the endpoints for what claims cite (sources, publishers, claimants, measures).

Which of those rows an anonymous reader may see is the claims app's rule; settings name it
(FACTDB_PUBLIC_ROWS), so this plumbing imports no app.
"""

from rest_framework import mixins, viewsets

from factdb.api.public import public_rows


class ReferenceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """What claims cite (sources, publishers, claimants, measures): list, detail, create and
    update, never delete; under public read, only the rows a visible claim cites."""

    public_read = True
    # How a claim reaches this model ("source__publisher"), for the public-read restriction.
    claim_path = ""

    def get_queryset(self):
        return public_rows()(self.queryset.all(), self.request.user, self.claim_path)
