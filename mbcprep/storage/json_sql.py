"""Backup JSON made inside SQLite, from a record's declaration: for a full backup of years of visits
and diary days, without making a Python object of each row.

The text is the one Python's writer makes, `json.dumps(to_record(r), ensure_ascii=False,
separators=(",", ":"))` (tests hold every kept list and the visits to it, odd text included).
"""

from __future__ import annotations

from collections.abc import Sequence

from mbcprep.model.record import Declared, exported


def value_sql(d: Declared) -> str:
    """The SQL for the value a backup holds of a stored field (a flag is true or false)."""
    if d.spec.kind == "flag":
        return f"json(CASE WHEN {d.column} THEN 'true' ELSE 'false' END)"
    if d.spec.kind == "choices":  # ids joined by commas (never a quote in an id) -> a list of them
        return f"""json(CASE WHEN {d.column} = '' THEN '[]' ELSE '["' || replace({d.column}, ',', '","') || '"]' END)"""
    return d.column


def _object_of(fields: Sequence[Declared]) -> str:
    return "json_object(" + ", ".join(f"'{d.key}', {value_sql(d)}" for d in fields) + ")"


def object_sql(cls: type) -> str:
    """A flat record (no list fields) as its compact JSON object."""
    return _object_of(exported(cls))


def members_sql(fields: Sequence[Declared]) -> str:
    """Scalar fields as the members of a compact JSON object, without its braces: `"a":1,"b":"x"`.
    (The object's first and last characters are its braces: a scalar value never ends in one.)"""
    return f"rtrim(ltrim({_object_of(fields)}, '{{'), '}}')"


def runs_of(cls: type) -> list[tuple[Declared, ...] | Declared]:
    """The exported fields of `cls` in order, the scalar ones that come together grouped in a tuple
    and each list field on its own: how a record with lists is put together from SQL's parts."""
    runs: list[tuple[Declared, ...] | Declared] = []
    scalars: list[Declared] = []
    for d in exported(cls):
        if d.spec.kind != "list":
            scalars.append(d)
            continue
        if scalars:
            runs.append(tuple(scalars))
            scalars = []
        runs.append(d)
    if scalars:
        runs.append(tuple(scalars))
    return runs


def array_sql(fields: Sequence[Declared]) -> str:
    """The stored values of `fields`, in order, as a compact JSON array (how a visit is sealed)."""
    return f"json_array({', '.join(d.column for d in fields)})"
