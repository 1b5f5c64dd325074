"""Request-level guards that apply to every view: the admin, the API and the exports."""

from django.conf import settings
from django.http import JsonResponse


class RequestSizeLimitMiddleware:
    """Refuse bodies over FACTDB_MAX_BODY_BYTES with 413 before anything reads them.

    Django's own DATA_UPLOAD_MAX_MEMORY_SIZE only guards form parsing, and answers 400; a JSON
    body sent to the API would otherwise be read whole into memory.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.FACTDB_MAX_BODY_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return JsonResponse({"detail": "Content-Length must be a number."}, status=400)
        if length > limit:
            return JsonResponse(
                {"detail": f"Request body is {length} bytes; the limit is {limit} bytes."},
                status=413,
            )
        return self.get_response(request)
