"""What factdb keeps about its users beyond Django's accounts: the language each one reads."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LanguagePreference(models.Model):
    """The language a user reads factdb in; none (blank) follows the browser's Accept-Language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="language_preference",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Blank: the language the browser asks for."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("language preference")
        verbose_name_plural = _("language preferences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(language__in=["", *(code for code, _ in settings.LANGUAGES)]),
                name="language_preference_known",
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.language or '-'}"


def preferred_language(user) -> str:
    """The user's chosen language code, or "" when they follow the browser."""
    if not getattr(user, "is_authenticated", False):
        return ""
    chosen = LanguagePreference.objects.filter(user_id=user.pk).values_list("language", flat=True)
    return chosen.first() or ""
