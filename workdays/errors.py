"""Errors the Work Day and case services raise; pages and the API turn them into messages."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class TransitionError(Exception):
    """The object is not in a state that allows this action (API: 409)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def field_error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


__all__ = ["TransitionError", "ValidationError", "field_error"]
