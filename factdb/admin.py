"""User accounts are deactivated, never deleted, so every note and edit keeps its author."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from factdb.history.admin import HistoryAdmin
from factdb.models import LanguagePreference

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class NewsroomUserAdmin(UserAdmin):
    actions = ["deactivate"]
    list_display = ["username", "email", "first_name", "last_name", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "is_superuser", "groups"]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Deactivate (keeps their history and attribution)"))
    def deactivate(self, request, queryset):
        count = 0
        for user in queryset.filter(is_active=True):
            user.is_active = False
            user.save(update_fields=["is_active"])
            count += 1
        message = ngettext(
            "Deactivated %(count)d account.", "Deactivated %(count)d accounts.", count
        ) % {"count": count}
        self.message_user(request, message, messages.SUCCESS)


@admin.register(LanguagePreference)
class LanguagePreferenceAdmin(HistoryAdmin):
    """Administrators set anyone's language; each user sets their own at /admin/language/."""

    list_display = ["user", "language", "updated_at"]
    list_filter = ["language"]
    autocomplete_fields = ["user"]
