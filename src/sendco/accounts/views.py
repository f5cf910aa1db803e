"""The signed-in person's own account: their API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import services
from .models import ApiToken
from .selectors import tokens_of


@login_required
def api_tokens(request):
    return render(request, "accounts/api_tokens.html", {"tokens": tokens_of(request.user)})


@login_required
@require_POST
def revoke_api_token(request, pk: int):
    try:
        token = services.revoke_token(actor=request.user, token_id=pk)
    except ApiToken.DoesNotExist:
        raise Http404 from None
    messages.success(request, f"Token {token.prefix}… revoked: the API no longer accepts it.")
    return redirect("account-tokens")
