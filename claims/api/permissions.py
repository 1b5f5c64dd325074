"""Who sees which claims: signed-in readers see every claim; anonymous readers, when the operator
sets FACTDB_PUBLIC_READ, see verified claims only, and the sources, publishers, claimants and
measures those claims cite. Whether a request may read at all is factdb.api.RolePermissions.
"""

from django.db.models import Exists, OuterRef

from ..models import Claim, Status


def visible_claims(user):
    claims = Claim.objects.all()
    if not user.is_authenticated:
        claims = claims.filter(status=Status.VERIFIED)
    return claims


def cited_by_visible_claims(queryset, user, claim_field: str):
    """Rows of `queryset` (sources, publishers, …) that a visible claim points to through
    `claim_field` (e.g. "source__publisher"); all of them for signed-in readers."""
    if user.is_authenticated:
        return queryset
    cited = visible_claims(user).filter(**{claim_field: OuterRef("pk")})
    return queryset.filter(Exists(cited))
