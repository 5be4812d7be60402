"""Rows of related tables as JSON arrays, read in the query of the row they belong to.

A page that shows several tables of one record (the participant page: documents, contacts,
next steps, consents, ...) then reads them in one round trip instead of one query per table;
each table's rows are a correlated subquery (docs/architecture.md, "Performance"). The JSON
carries strings for dates and moments; `date_of` and `moment_of` turn them back.

Building such a query in the ORM costs more (~7 ms for eight tables) than running it (~2 ms),
and its shape never changes, so `compiled_columns` builds the SQL once per process. SQL built
once cannot carry the network scope of the moment: only the outer query is scoped, and each
subquery must tie its rows to the outer row itself, its network included.
"""

import datetime
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Aggregate, Func, JSONField, Model, OuterRef, QuerySet, Subquery
from django.db.models.expressions import BaseExpression, RawSQL
from django.db.models.functions import JSONObject


class JSONArrayAgg(Aggregate):
    """The group's values as one JSON array, in no particular order (SQLite before 3.44 cannot
    order inside an aggregate; callers sort)."""

    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


class AsJSON(Func):
    """A JSON column as a JSON value inside `JSONObject`: SQLite keeps JSON as text, which
    `JSON_OBJECT` would nest as a string; PostgreSQL's jsonb nests as it is."""

    function = "JSON"
    output_field = JSONField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return compiler.compile(self.source_expressions[0])


def json_rows(queryset: QuerySet[Any], link: str, **fields: Any) -> Subquery:
    """The rows of `queryset` whose `link` (a foreign key) is the outer row, as a JSON array of
    objects with `fields` (name → field path or expression); NULL when there are none."""
    return Subquery(
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(rows=JSONArrayAgg(JSONObject(**fields)))
        .values("rows")
    )


def compiled_columns(
    model: type[Model], columns: dict[str, BaseExpression], connection: BaseDatabaseWrapper
) -> dict[str, RawSQL]:
    """`columns` over rows of `model` as SQL ready to annotate a query of `model`, at no cost
    to build. The columns must not depend on anything but the outer row (no scope of the
    moment: tie rows to the outer row's network with `OuterRef("network")` instead)."""
    query = model._base_manager.values(**columns).query
    compiler = query.get_compiler(connection=connection)
    compiled = {}
    for name in columns:
        sql, params = compiler.compile(query.annotations[name])
        # The ORM's own compilation; its values stay parameters, nothing is pasted in.
        compiled[name] = RawSQL(sql, params, output_field=JSONField())  # noqa: S611
    return compiled


def date_of(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def moment_of(text: str | None) -> datetime.datetime | None:
    """A timestamp as JSON renders it: with its offset on PostgreSQL, naive on SQLite, where
    Django stores UTC (as long as the database setting `TIME_ZONE` is unset, as in Lotse)."""
    if not text:
        return None
    moment = datetime.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)
