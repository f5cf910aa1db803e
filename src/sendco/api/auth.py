from ninja.security import HttpBearer

from sendco.accounts.models import ApiToken


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`; tokens come from `sendco token --user NAME`."""

    def authenticate(self, request, token):
        user = ApiToken.authenticate(token)
        if user is None:
            return None
        # Set request.user so that the access policy and django-simple-history see who acts.
        request.user = user
        return user
