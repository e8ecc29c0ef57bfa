from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import LoginForm
from accounts.home import todo_items
from accounts.models import ApiToken


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("login")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/home.html", {"todo": todo_items(request.user)})


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The user's own account: the password change, and their live API tokens, each revocable."""
    tokens = ApiToken.objects.filter(user=request.user).live()
    return render(request, "accounts/account.html", {"tokens": tokens})


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.live(), pk=token_id, user=request.user)
    ApiToken.objects.filter(pk=token.pk).revoke(request=request)
    messages.success(request, _("The token was revoked."))
    return redirect("account")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (the old password, then the new one twice, checked by the password
    validators); it keeps this session, ends the user's other sessions and all their API tokens."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password was changed. Your API tokens were revoked."))
        return response


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def forbidden(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
