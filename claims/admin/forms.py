"""The claim page's form and its verification-note inlines.

The form carries the version the editor loaded, so a save over a newer version is refused; past
notes are read-only (the record is append-only) and a new note is added through `note_add`. The
status is not on the form: it changes only with a verification note (the trust issue's rule).
"""

from decimal import Decimal

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims import services
from claims.figures.formatting import plain_number
from claims.models import Claim, ConcurrentEditError, VerificationNote


class ClaimForm(forms.ModelForm):
    """Carries the version the editor loaded, so a save over a newer version is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Claim
        fields = "__all__"  # noqa: DJ007 - ClaimAdmin.fieldsets choose what is shown

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Figures as stated ("6000"), not padded to the column's six decimal places.
        for name in ("value", "value_low", "value_high"):
            if isinstance(self.initial.get(name), Decimal):
                self.initial[name] = plain_number(self.initial[name])

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            # A new claim has no version to compare yet: the model's default (1) stands, rather
            # than the empty hidden field (which would be a null version, refused).
            cleaned.pop("version", None)
        if self.instance.pk:
            loaded = cleaned.get("version")
            try:
                services.claim_version_check(claim=self.instance, expected_version=loaded)
            except ConcurrentEditError as error:
                raise forms.ValidationError(
                    _(
                        "Someone else saved this claim while you were editing it (you loaded "
                        "version %(loaded)s, it is now version %(current)s). Reload the page to "
                        "see their change, then apply yours again."
                    )
                    % {"loaded": loaded, "current": error.current_version},
                    code="stale",
                ) from None
        return cleaned


class NoteInline(admin.StackedInline):
    """Existing notes are read-only (append-only record); editors add new ones below."""

    model = VerificationNote
    fields = [
        "body",
        "status_from",
        "status_to",
        "evidence_url",
        "evidence_quote",
        "author",
        "created_at",
    ]
    readonly_fields = ["status_from", "author", "created_at"]
    extra = 0
    can_delete = False
    autocomplete_fields = ["evidence_sources"]

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        return False


class NewNoteInline(admin.StackedInline):
    model = VerificationNote
    verbose_name = gettext_lazy("new verification note")
    verbose_name_plural = gettext_lazy("add a verification note")
    fields = ["body", "status_to", "evidence_url", "evidence_quote", "evidence_sources"]
    autocomplete_fields = ["evidence_sources"]
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return False
