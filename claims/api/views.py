"""Claims, their verification notes and history, and measures over HTTP.

Views stay thin: they read the request, call claims.services for every write and say which
permissions a method needs. Claims are never deleted: DELETE retracts (status "retracted",
with the reason kept as a verification note) and answers 200 with the retracted claim.
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from claims import services
from claims.api.compiled_filters import filtered_page
from claims.api.filters import ClaimFilter, MeasureFilter
from claims.api.history import claim_history
from claims.api.measures import MeasureDetailSerializer, SVGRenderer, timeline_for
from claims.api.reading import claim_etag, claim_rows, represent_claims
from claims.api.serializers import (
    ClaimSerializer,
    HistoryEntrySerializer,
    MeasureSerializer,
    NoteSerializer,
    RetractionSerializer,
)
from claims.models import Claim, Measure, Status, VerificationNote
from claims.selectors import listed_claims, visible_claims
from factdb.api.compiled import CompiledReads
from factdb.api.conditional import ConditionalReads, change_stamp, read_stamp
from factdb.api.etags import conditional, etag, if_match_version
from factdb.api.exceptions import Conflict
from factdb.api.viewsets import ReferenceViewSet

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description=gettext_lazy(
        'The ETag you last read, e.g. "12-3". 428 without it, 412 when stale.'
    ),
)
IF_MATCH_OPTIONAL = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=gettext_lazy(
        "The claim's ETag; when given, a status change is refused (412) if it is stale."
    ),
)

# The list with no filter (first page, cursor pages) and the detail: their SQL depends only on
# whether the reader is signed in, so it is compiled once (factdb/api/compiled.py).
FIXED_SHAPE_PARAMETERS = {"cursor", "page_size", "format"}
COMPILED = CompiledReads()
NO_SUCH_CLAIM = "No Claim matches the given query."  # get_object_or_404's words

notes_count = Coalesce(
    Subquery(
        VerificationNote.objects.filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(n=Count("pk"))
        .values("n")
    ),
    0,
)


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("List claims (filters, ordering, cursor pages; ?format=csv)")
    ),
    retrieve=extend_schema(summary=gettext_lazy("A claim, with its ETag header")),
    create=extend_schema(summary=gettext_lazy("Record a claim (Editors)")),
    update=extend_schema(
        summary=gettext_lazy("Replace a claim (Editors; If-Match)"), parameters=[IF_MATCH]
    ),
    partial_update=extend_schema(
        summary=gettext_lazy("Change a claim (Editors; If-Match)"), parameters=[IF_MATCH]
    ),
    destroy=extend_schema(
        summary=gettext_lazy(
            "Retract a claim (Editors; If-Match and a reason); it is never deleted"
        ),
        request=RetractionSerializer,
        responses={200: ClaimSerializer},
        parameters=[
            IF_MATCH,
            OpenApiParameter(
                "reason", OpenApiTypes.STR, description=gettext_lazy("Or send it in the body.")
            ),
        ],
    ),
)
class ClaimViewSet(
    ConditionalReads,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    permission_model = Claim  # RolePermissions asks for it; get_queryset() builds a query

    @property
    def public_read(self):
        return self.action in ("list", "retrieve")

    def read_etag(self, request, stamp, record="", **where):
        return claim_etag(request, stamp, record, **where)

    def required_permissions(self, method):
        if method == "DELETE":
            return ["claims.change_claim", "claims.add_verificationnote"]
        return None

    def get_queryset(self):
        user = self.request.user
        if self.action == "list":
            claims = listed_claims(user, self.request.query_params)
        else:
            claims = visible_claims(user)
        claims = claims.annotate(notes_count=notes_count)
        if self.action in ("list", "retrieve"):
            return claims  # read as plain values by claims/api/reading.py
        return claims.with_citation().select_related("created_by")

    def list(self, request, *args, **kwargs):
        stamp = change_stamp(request)  # before the rows (factdb/api/conditional.py)
        if set(request.query_params) <= FIXED_SHAPE_PARAMETERS:
            page = self.paginator.paginate_compiled(
                COMPILED, ("list", request.user.is_authenticated), self._rows, request
            )
        else:
            page = filtered_page(self, request, COMPILED)
        # A poll of an unchanged page is a 304 with no body, and no row is shaped for it.
        paginator = self.paginator
        answer = conditional(
            request,
            lambda: (
                paginator.get_paginated_response(
                    represent_claims(page, request, get_language())
                ).data
            ),
            self.read_etag(request, stamp),
        )
        if link := paginator.link_header():
            answer["Link"] = link
        return answer

    def _rows(self):
        return claim_rows(self.filter_queryset(self.get_queryset()))

    def read_along(self, request):
        # The detail's row in the token's statement: one round trip (factdb/api/conditional.py).
        if self.action != "retrieve" or not set(request.GET) <= FIXED_SHAPE_PARAMETERS:
            return None
        pk = self.kwargs["pk"]
        if not (pk.isdigit() and len(pk) <= 18):
            return None
        # None until the first detail read (below) compiled it.
        return COMPILED.statement(("detail", True), [Claim._meta.pk], [int(pk)])

    def early_record(self, request, stamp, rows):
        (row,) = rows
        return self._etag(request, stamp, row), self._represent(request, row)

    def retrieve(self, request, *args, **kwargs):
        pk = kwargs["pk"]
        stamp = change_stamp(request)  # before the row (factdb/api/conditional.py)
        along = getattr(request.auth, "along", None)
        if along is not None and request.user.is_authenticated:
            found = along
        elif set(request.query_params) <= FIXED_SHAPE_PARAMETERS:
            if not (pk.isdigit() and len(pk) <= 18):
                raise Http404(NO_SUCH_CLAIM)
            found = COMPILED.rows(
                ("detail", request.user.is_authenticated),
                lambda values: self._rows().filter(pk=values[0]),
                [Claim._meta.pk],
                [int(pk)],
            )
        else:
            found = [get_object_or_404(self._rows(), pk=pk)]
        if not found:
            raise Http404(NO_SUCH_CLAIM)
        (row,) = found
        # The ETag is known from the stamp and the row's version: a 304 shapes nothing.
        shaped = lambda: self._represent(request, row)  # noqa: E731
        return conditional(request, shaped, self._etag(request, stamp, row))

    @staticmethod
    def _represent(request, row):
        return represent_claims([row], request, get_language())[0]

    def _etag(self, request, stamp, row, **where):
        return self.read_etag(request, stamp, etag(row["id"], row["version"])[1:-1], **where)

    def written(self, claim, **response) -> Response:
        """A write's answer: the claim as reads show it (claims.api.reading), with the ETag a
        read of it gives (If-Match for the next write, If-None-Match for the next poll)."""
        stamp = read_stamp()  # the write's own, before the row
        rows = claim_rows(visible_claims(self.request.user).annotate(notes_count=notes_count))
        row = rows.get(pk=claim.pk)
        (claim,) = represent_claims([row], self.request, get_language())
        detail = reverse("claim-detail", kwargs={"pk": row["id"]})
        tag = self._etag(self.request, stamp, row, path=detail, query="")
        return conditional(self.request, claim, tag, **response)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim = services.claim_create(created_by=request.user, **serializer.validated_data)
        location = reverse("claim-detail", kwargs={"pk": claim.pk})
        return self.written(
            claim,
            status=status.HTTP_201_CREATED,
            headers={"Location": request.build_absolute_uri(location)},
        )

    def update(self, request, *args, **kwargs):
        claim = self.get_object()
        version = if_match_version(request, claim)
        serializer = self.get_serializer(
            claim, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        claim = services.claim_update(
            claim=claim, author=request.user, expected_version=version, **serializer.validated_data
        )
        return self.written(claim)

    def destroy(self, request, *args, **kwargs):
        claim = self.get_object()
        version = if_match_version(request, claim)
        retraction = RetractionSerializer(data=request.data or request.query_params)
        retraction.is_valid(raise_exception=True)
        if claim.status == Status.RETRACTED:
            raise Conflict(_("This claim is already retracted."))
        services.claim_retract(
            claim=claim,
            author=request.user,
            reason=retraction.validated_data["reason"],
            expected_version=version,
        )
        return self.written(claim)


@extend_schema(
    description=gettext_lazy(
        "A claim's verification notes, oldest first; Editors add one, optionally with a verdict."
    )
)
class ClaimNotesView(generics.ListCreateAPIView):
    serializer_class = NoteSerializer
    filter_backends = []

    def get_queryset(self):
        return (
            VerificationNote.objects.filter(claim_id=self.kwargs["claim_pk"])
            .select_related("author", "claim")
            .prefetch_related("evidence_sources")
            .order_by("created_at", "id")
        )

    def get_claim(self):
        return get_object_or_404(visible_claims(self.request.user), pk=self.kwargs["claim_pk"])

    @extend_schema(summary=gettext_lazy("A claim's verification notes"))
    def get(self, request, *args, **kwargs):
        self.get_claim()
        return self.list(request, *args, **kwargs)

    @extend_schema(
        summary=gettext_lazy("Add a verification note; with status_to, set the claim's verdict"),
        parameters=[IF_MATCH_OPTIONAL],
    )
    def post(self, request, *args, **kwargs):
        claim = self.get_claim()
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if serializer.validated_data.get("status_to") and not request.user.has_perm(
            "claims.change_claim"
        ):
            raise PermissionDenied(
                _("Changing a claim's status needs permission to change claims.")
            )
        note = services.note_add(
            claim=claim,
            author=request.user,
            expected_version=if_match_version(request, claim, required=False),
            **serializer.validated_data,
        )
        return Response(self.get_serializer(note).data, status=status.HTTP_201_CREATED)


@extend_schema(
    description=gettext_lazy(
        "Every saved state of a claim, newest first; readable by whoever may read claims."
    )
)
class ClaimHistoryView(generics.GenericAPIView):
    serializer_class = HistoryEntrySerializer
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        # Also what RolePermissions reads: the history of a claim needs `view_claim`.
        return visible_claims(self.request.user)

    @extend_schema(
        summary=gettext_lazy("A claim's history"), responses=HistoryEntrySerializer(many=True)
    )
    def get(self, request, *args, **kwargs):
        claim = get_object_or_404(self.get_queryset(), pk=self.kwargs["claim_pk"])
        return Response(self.get_serializer(claim_history(claim), many=True).data)


class MeasureViewSet(ReferenceViewSet):
    """What is being counted; claims on one measure can be compared."""

    queryset = Measure.objects.order_by("label", "id")
    serializer_class = MeasureSerializer
    filterset_class = MeasureFilter
    claim_path = "measure"

    def get_serializer_class(self):
        # The detail adds every claim with agreement marks; too heavy for each row of a list.
        return MeasureDetailSerializer if self.action == "retrieve" else MeasureSerializer

    @extend_schema(
        summary=gettext_lazy("The measure's claims as a timeline chart (SVG)"),
        responses={(200, "image/svg+xml"): OpenApiTypes.STR},
    )
    @action(detail=True, renderer_classes=[SVGRenderer], filter_backends=[])
    def timeline(self, request, pk=None, format=None):
        return Response(timeline_for(self.get_object(), request))
