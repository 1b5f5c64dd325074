"""API errors: the model layer's exceptions become 4xx answers that name the problem."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.serializers import as_serializer_error

from factdb.errors import ConcurrentEditError, DeletionRefused
from factdb.middleware import lockout_message


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = gettext_lazy(
        "This write needs an If-Match header carrying the ETag you last read "
        '(GET the claim; its ETag header looks like "12-3").'
    )
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy(
        "The claim changed since you read it. GET it again and reapply your change."
    )
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = gettext_lazy("This write conflicts with data already stored.")
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request body is too large.")
    default_code = "payload_too_large"


def exception_handler(exc, context):
    """DRF's handler, taught the model layer's exceptions so none of them becomes a 500."""
    if getattr(context.get("request"), "axes_locked_out", False):
        # django-axes marks a locked-out login on the request it was given: for the token
        # endpoint that is DRF's, which its middleware never sees.
        exc = exceptions.Throttled(wait=settings.AXES_COOLOFF_TIME * 3600, detail=lockout_message())
    elif isinstance(exc, DjangoValidationError):
        # full_clean() in a service: keep the field names the model gave.
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, ConcurrentEditError):
        exc = PreconditionFailed(str(exc))
    elif isinstance(exc, DeletionRefused):
        exc = exceptions.MethodNotAllowed(context["request"].method, detail=str(exc))
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, IntegrityError):
        # Validation should have caught it; a concurrent writer can still win the race.
        exc = Conflict()
    # Imported here: rest_framework.views reads the API settings, which name this module.
    from rest_framework.views import exception_handler as drf_exception_handler

    return drf_exception_handler(exc, context)
