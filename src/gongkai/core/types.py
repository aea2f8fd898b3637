"""Small types every app's services share."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

#: Who performs a write: a signed-in user, an anonymous visitor (refused by the role checks),
#: or ``None`` for the operator at the server's command line.
Actor = AbstractBaseUser | AnonymousUser | None
