"""Who may do what: Django's ModelBackend, reading a user's permissions in one query.

The API checks model permissions on every request (factdb.api.permissions.RolePermissions). Django's
backend reads them in two queries, the user's own and their groups'; on the claim list those
were two of its five queries and 0.6 ms of its CPU. One UNION gives the same set, and, as in
Django, it is read once per request (cached on the user object the request carries).
"""

from django.contrib.auth import backends
from django.contrib.auth.models import Permission


class ModelBackend(backends.ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in _permissions(user_obj)}
        return user_obj._perm_cache


def _permissions(user):
    fields = ("content_type__app_label", "codename")
    if user.is_superuser:
        return Permission.objects.values_list(*fields).order_by()
    own = Permission.objects.filter(user=user).values_list(*fields).order_by()
    from_groups = Permission.objects.filter(group__user=user).values_list(*fields).order_by()
    return own.union(from_groups)
