"""Sessions that end when idle, and the security headers of every response."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

LAST_SEEN_KEY = "last_seen"
# The stamp is rewritten at most this often, so a busy clerk does not write the session on every request.
STAMP_EVERY_SECONDS = 60


class IdleTimeoutMiddleware:
    """A signed-in session unused for settings.SESSION_IDLE_SECONDS is ended: the next page goes to
    the login with a message, the next API call answers 401."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = timezone.now().timestamp()
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_SECONDS:
                return self._ended(request)
            if last_seen is None or now - last_seen >= STAMP_EVERY_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)

    def _ended(self, request):
        logout(request)
        message = _("You were logged out after %(minutes)d minutes without activity. Please log in again.") % {
            "minutes": settings.SESSION_IDLE_SECONDS // 60
        }
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=401)
        messages.warning(request, message)
        response = redirect_to_login(request.get_full_path())
        if request.headers.get("HX-Request"):
            # An htmx request would swap the login page into a fragment: have htmx load it whole.
            response = HttpResponse(status=204, headers={"HX-Redirect": response["Location"]})
        return response


class SecurityHeadersMiddleware:
    """The Content-Security-Policy on every response; `Cache-Control: no-store` on every answer to a
    signed-in user (a page or the API), so no personal data stays in a browser's or a proxy's cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
