"""Authentication backends."""

from typing import Any

from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """Checks user name and password. Grants no permissions: what a user may do follows from the
    role alone (`rules`, DESIGN.md §3), so Django's permission tables are never read; that saves
    two queries on every page that asks about a permission the role lacks."""

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()
