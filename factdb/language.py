"""The admin page where each user picks the language factdb speaks to them (LanguagePreference).

Mounted at /admin/language/ by factdb/urls.py and linked from every admin page's user links.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from factdb.models import LanguagePreference, preferred_language


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        required=False,
        choices=[("", gettext_lazy("The browser's language")), *settings.LANGUAGES],
    )


@transaction.atomic
def language_set(*, user, language: str) -> LanguagePreference:
    """Save `user`'s language ("" follows the browser); history records who and when."""
    preference = LanguagePreference.objects.filter(user=user).first()
    if preference is None:
        preference = LanguagePreference(user=user)
    elif preference.language == language:
        return preference
    preference.language = language
    preference.full_clean()
    preference.save()
    return preference


def language_view(request):
    form = LanguageForm(
        request.POST or None, initial={"language": preferred_language(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        language_set(user=request.user, language=language)
        if language:
            translation.activate(language)
        messages.success(request, _("Your language is saved."))
        response = HttpResponseRedirect(reverse("admin:index"))
        if language:
            # The login page, before anyone is signed in, speaks it too.
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
        else:
            response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
        return response
    context = {**admin.site.each_context(request), "title": _("Your language"), "form": form}
    status = 400 if form.errors else 200
    return TemplateResponse(request, "admin/factdb/language.html", context, status=status)


urlpatterns = [path("", admin.site.admin_view(language_view), name="language-preference")]
