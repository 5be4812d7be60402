"""Personal data is read and written only in selectors and services (DESIGN.md §3.2).

Every model with a network-scoped manager holds personal data (or the traces of reading it, the
audit log). This test reads the source of `src/lotse` and lists each module that names such a
model's manager (`Participant.objects`, `models.Consent.objects`, `_default_manager`, …); only
selectors and services may. It sees names, not values: `model.objects` on a variable (as the
profile selectors' generic `entries` does) is left to review."""

import ast
import importlib
import importlib.util
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.db import models

import lotse

SRC = Path(lotse.__file__).parent
MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})
# Shortcuts that read a model given as their first argument through its default manager.
SHORTCUTS = frozenset({"get_object_or_404", "get_list_or_404"})
# Where the rule allows a personal-data manager: the access functions themselves, and reads and
# writes behind them.
ALLOWED_NAMES = frozenset({"access.py", "selectors.py", "services.py"})
ALLOWED_MODULES = frozenset(
    {
        # Writes the fictional demo network in bulk (DESIGN.md: the demo loads profiles in bulk).
        "lotse/demo/load.py",
        # The report's reads: selectors that turn the case tables into the indicators' rows.
        "lotse/reporting/sources.py",
        # Picks the demo's people and backdates a fictional referral so that it shows overdue.
        "lotse/demo/referrals.py",
    }
)


def _scoped_models() -> set[type[models.Model]]:
    return {
        model
        for model in apps.get_models()
        # Lotse's scoped managers subclass the class django-scopes builds (`core.scoping`).
        if any(
            cls.__module__ == "django_scopes.manager"
            for cls in type(model._default_manager).__mro__
        )
    }


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(("lotse", *(parts[:-1] if parts[-1] == "__init__" else parts)))


def _imported_names(tree: ast.Module, module: str | None) -> dict[str, object]:
    """What each name bound by an import anywhere in the module (also inside functions) is."""
    names: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            package = ""
            if node.level:
                if module is None:
                    continue
                # Relative to the package itself in an __init__, else to the module's package.
                is_package = hasattr(importlib.import_module(module), "__path__")
                package = module if is_package else module.rpartition(".")[0]
            target = importlib.util.resolve_name("." * node.level + (node.module or ""), package)
            source = importlib.import_module(target)
            for alias in node.names:
                value = getattr(source, alias.name, None)
                if value is None:
                    value = _submodule(f"{target}.{alias.name}")
                names[alias.asname or alias.name] = value
        elif isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = importlib.import_module(
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
    own = vars(importlib.import_module(module)) if module else {}
    return {**own, **names}


def _submodule(name: str) -> object:
    # A name that exists only for the type checker (`if TYPE_CHECKING:` from a stub) is neither
    # an attribute nor a module at run time; it cannot be a manager's model.
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        return None


def _resolve(node: ast.expr, names: dict[str, object]) -> object:
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = _resolve(node.value, names)
        return getattr(owner, node.attr, None) if owner is not None else None
    return None


def _manager_uses(
    source: str, module: str | None, scoped: set[type[models.Model]]
) -> Iterator[str]:
    """The scoped models whose manager the module's source names."""
    tree = ast.parse(source)
    names = _imported_names(tree, module)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            model = _resolve(node.value, names)
        elif isinstance(node, ast.Call) and node.args and _shortcut(node.func) in SHORTCUTS:
            model = _resolve(node.args[0], names)
        else:
            continue
        if model in scoped:
            yield model.__name__


def _shortcut(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _uses_in(relative: str, scoped: set[type[models.Model]]) -> set[str]:
    path = SRC.parent / relative
    if not path.exists():
        return set()
    return set(_manager_uses(path.read_text(encoding="utf-8"), _module_name(path), scoped))


def _allowed(relative: str) -> bool:
    path = Path(relative)
    return path.name in ALLOWED_NAMES or "migrations" in path.parts or relative in ALLOWED_MODULES


def test_personal_data_managers_only_in_selectors_and_services() -> None:
    scoped = _scoped_models()
    found: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        relative = str(path.relative_to(SRC.parent))
        if _allowed(relative):
            continue
        uses = _uses_in(relative, scoped)
        if uses:
            found[relative] = uses

    assert found == {}


def test_personal_data_managers_include_the_models_of_the_issue() -> None:
    names = {model.__name__ for model in _scoped_models()}
    named = {
        "Participant",
        "IntakeDraft",
        "VolunteerAssignment",
        "Consent",
        "ResidenceFacts",
        "HealthRestriction",
        "AuditEvent",
    }

    # A model that loses its scoped manager would drop out of the scan; it fails here instead.
    assert named - names == set()


def test_personal_data_managers_scan_sees_aliases_and_local_imports() -> None:
    source = """
from lotse.participants import models as m
from lotse.taxonomy.models import Skill

def view(request):
    from lotse.profiles.models import HealthRestriction as Health
    m.Participant.objects.all()
    Health._default_manager.all()
    Skill.objects.all()  # reference data of the same name as a profile entry: not personal
"""

    uses = sorted(_manager_uses(source, None, _scoped_models()))

    assert uses == ["HealthRestriction", "Participant"]


def test_personal_data_managers_scan_sees_the_shortcuts() -> None:
    source = """
from django.shortcuts import get_object_or_404
from django import shortcuts
from lotse.participants.models import Consent, Share
from lotse.network.models import Organisation

def view(request, case):
    get_object_or_404(Consent, pk=1)
    shortcuts.get_list_or_404(Share, pk=1)
    get_object_or_404(Organisation, pk=1)  # the network's own data: not personal
    get_object_or_404(case.participant.volunteers.all(), pk=1)  # through the case: allowed
"""

    uses = sorted(_manager_uses(source, None, _scoped_models()))

    assert uses == ["Consent", "Share"]
