"""Two small pieces of request handling the product needs."""

from __future__ import annotations

from django.conf import settings
from django.db import DataError
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Pages are in Chinese unless the user chose another language in the menu (a cookie); the
    browser's own language preference does not switch a government system to English. The API
    answers in the request's language (Accept-Language), as docs/api.md says."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        if request.path.startswith("/api/"):
            language = translation.get_language_from_request(request)
        else:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class OutOfRangeInputMiddleware:
    """A number or text too large for a database column (typed into a URL or a form) is bad input:
    a 400 page with a clear message, never a 500. The transaction of the change has rolled back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OverflowError, DataError)):
            return render(request, "errors/400.html", status=400)
        return None
