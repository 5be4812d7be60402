from collections.abc import Callable, Iterable
from typing import Any, TypeVar

_View = TypeVar("_View", bound=Callable[..., Any])

# The decorator returns the view it wraps with the same signature (functools.wraps).
def permission_required(
    perm: str | Iterable[str],
    fn: Callable[..., Any] | None = None,
    login_url: str | None = None,
    raise_exception: bool = False,
    redirect_field_name: str = ...,
) -> Callable[[_View], _View]: ...
