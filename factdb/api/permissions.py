"""Who may do what: the groups' model permissions, and the one rule for anonymous public reads."""

from django.conf import settings
from rest_framework import permissions


def reads_publicly(request, view=None) -> bool:
    """Whether `request` is a public (anonymous) read.

    With `view`, the permission question: the operator opened it with FACTDB_PUBLIC_READ and the
    view allows it. Without, the question serializers and renderers ask once a request is in:
    is the reader anonymous, so that staff names and drafts are left out (true for any anonymous
    reader, whatever let the request in).
    """
    if request.user.is_authenticated:
        return False
    if view is None:
        return True
    return (
        request.method in permissions.SAFE_METHODS
        and settings.FACTDB_PUBLIC_READ
        and bool(
            getattr(view, "public_read", False) or getattr(view, "_ignore_model_permissions", False)
        )
    )


class RolePermissions(permissions.DjangoModelPermissions):
    """The groups' model permissions decide, reads included (Journalists hold `view_*`).

    A view may name other permissions for a method with `required_permissions(method)`, e.g.
    retracting a claim needs `change_claim` and `add_verificationnote`, not `delete_claim`.
    """

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request, view):
        if reads_publicly(request, view):
            return True
        if not request.user.is_authenticated:
            return False
        if getattr(view, "_ignore_model_permissions", False):
            return True
        if request.method not in view.allowed_methods:
            return True  # the view answers 405, the same for everyone signed in
        custom = getattr(view, "required_permissions", None)
        perms = custom(request.method) if custom else None
        if perms is None:
            # A view may name its model (`permission_model`), sparing a queryset built only
            # to be asked which model it reads.
            model = getattr(view, "permission_model", None) or self._queryset(view).model
            perms = self.get_required_permissions(request.method, model)
        return request.user.has_perms(perms)
