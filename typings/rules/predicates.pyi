from collections.abc import Callable
from typing import Any, overload

class Predicate:
    fn: Callable[..., Any]
    num_args: int
    var_args: bool
    name: str
    def __init__(
        self, fn: Predicate | Callable[..., Any], name: str | None = None, bind: bool = False
    ) -> None: ...
    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...
    def test(self, obj: Any = ..., target: Any = ...) -> bool: ...
    def __and__(self, other: Predicate | Callable[..., Any]) -> Predicate: ...
    def __or__(self, other: Predicate | Callable[..., Any]) -> Predicate: ...
    def __xor__(self, other: Predicate | Callable[..., Any]) -> Predicate: ...
    def __invert__(self) -> Predicate: ...

@overload
def predicate(fn: Callable[..., Any], name: str | None = None, **options: Any) -> Predicate: ...
@overload
def predicate(
    fn: None = None, name: str | None = None, **options: Any
) -> Callable[[Callable[..., Any]], Predicate]: ...

always_allow: Predicate
always_deny: Predicate
is_authenticated: Predicate
is_superuser: Predicate
is_staff: Predicate
is_active: Predicate
