"""Records made in one INSERT per table, for the batches of the platform import.

``insert`` writes what the ORM's ``create`` would write (default values, the magic
columns, the rows of the many2many relations, the stored computed fields) with one
statement per table (one array a column), then tells the ORM: the values written are
put in the cache, the inverse fields of the other models invalidated, the dependants
marked with ``modified``, the Python constraints checked.
The model's own ``create`` overrides are not run: the caller does what they do
(the completion before, the follow-ups after), so that both paths give the same
rows; tests compare them column by column.
"""

import contextlib

from odoo.fields import Command
from odoo.tools import SQL

MAGIC_COLUMNS = ("create_uid", "create_date", "write_uid", "write_date")
# The fields whose values of these types are written and cached as they are (as
# the fields' conversions give them back).
SAME_TYPES = {
    "many2one": (int,),
    "integer": (int,),
    "boolean": (bool,),
    "char": (str,),
    "text": (str,),
}
MISSING = object()


def insert(model, vals_list, computed=()):
    """Create records of ``model`` from ``vals_list`` (stored fields; a many2many as
    SET or LINK commands) in one INSERT, and return them.

    ``computed``: the stored computed fields whose values ``vals_list`` carries,
    worked out as the model's compute methods do; the other stored computed fields
    are left to the ORM to compute at the next flush, as after ``create``."""
    if not vals_list:
        return model.browse()
    model = model.browse()
    env = model.env
    defaults = model._add_missing_default_values({})
    rows, relations = [], []
    for vals in vals_list:
        row = dict(defaults, **vals)
        for name in ("id", "parent_path", *MAGIC_COLUMNS):
            row.pop(name, None)
        rows.append(row)
    names = sorted({name for row in rows for name in row})
    columns = []
    for name in names:
        field = model._fields[name]
        if field.type == "many2many" and field.store:
            relations.append(field)
        elif field.column_type:
            columns.append(field)
        elif field.store or field.inverse or field.inherited:
            raise NotImplementedError(
                f"bulk.insert: {model._name}.{name} is not a column nor a many2many"
            )
    now = env.cr.now()
    magic = [env.uid, now, env.uid, now]
    # A list of values a column, converted as create converts them.
    data = [_column(field, model, rows) for field in columns]
    # One array a column, unnested (PostgreSQL takes it faster than a VALUES list of
    # one placeholder a value), the magic columns given once.
    query = SQL(
        "INSERT INTO %s (%s) SELECT given.*, %s, %s, %s, %s "
        "FROM unnest(%s) AS given RETURNING id",
        SQL.identifier(model._table),
        SQL(", ").join(
            SQL.identifier(name)
            for name in [*(field.name for field in columns), *MAGIC_COLUMNS]
        ),
        *magic,
        SQL(", ").join(
            SQL("%s::%s[]", values, SQL(field.column_type[1]))
            for field, (values, __) in zip(columns, data, strict=True)
        ),
    )
    # What is pending is written before the rows are: nothing cached is then lost.
    env.flush_all()
    env.cr.execute(query)
    records = model.browse(id_ for (id_,) in env.cr.fetchall())
    for field in relations:
        targets = [_targets(row.get(field.name)) for row in rows]
        # As after create, the new rows' links are known without a query.
        env.cache.update(records, field, [tuple(ids) for ids in targets])
        pairs = [
            (record.id, target)
            for record, ids in zip(records, targets, strict=True)
            for target in ids
        ]
        if pairs:
            env.cr.execute(
                SQL(
                    "INSERT INTO %s (%s, %s) VALUES %s ON CONFLICT DO NOTHING",
                    SQL.identifier(field.relation),
                    SQL.identifier(field.column1),
                    SQL.identifier(field.column2),
                    SQL(", ").join(SQL("(%s, %s)", *pair) for pair in pairs),
                )
            )
    _cache(records, columns, data)
    _tell_orm(records, columns + relations, computed)
    return records


def _cache(records, columns, data):
    """Put the values written in the cache, as ``create`` does: what follows reads
    the new rows without fetching them (the constraints, the follow-ups). The
    stored fields neither written nor computed are empty, as after ``create``."""
    cache = records.env.cache
    for field, (__, values) in zip(columns, data, strict=True):
        if values is not None:
            cache.update(records, field, values)
    written = {field.name for field in columns}
    for field in records._fields.values():
        if not (
            field.store
            and field.column_type
            and not field.compute
            and not field.translate
            and not field.company_dependent
            and field.name not in written
            and field.name not in ("id", "parent_path", *MAGIC_COLUMNS)
        ):
            continue
        cache.update(
            records, field, [field.convert_to_cache(None, records)] * len(records)
        )


def _column(field, model, rows):
    """(column values, cache values or None when not cached) of ``field`` in
    ``rows``, converted as ``create`` converts them, each distinct value once (levels,
    channels, states and ids recur from row to row). A value not given is NULL:
    none of the columns has a default of its own."""
    name = field.name
    cached = not (field.translate or field.company_dependent)
    empty = field.convert_to_cache(None, model) if cached else None
    # Values written and cached as they are: ids, numbers, flags, plain texts.
    same = (
        SAME_TYPES.get(field.type, ())
        if cached and not getattr(field, "size", None)
        else ()
    )
    per_row = field.type == "monetary"  # its conversion depends on the currency
    converted = {}
    column, cache = [], []
    for row in rows:
        value = row.get(name, MISSING)
        if value is MISSING:
            column.append(None)
            cache.append(empty)
            continue
        # (An id 0 is no record: NULL, as the conversion gives.)
        if type(value) in same and (value or field.type != "many2one"):
            column.append(value)
            cache.append(value)
            continue
        key = (type(value), value)  # 1, 1.0 and True are one key of a dict
        try:
            pair = None if per_row else converted.get(key)
        except TypeError:  # a value that cannot be a key (a list, a dict)
            pair = None
        if pair is None:
            pair = (
                field.convert_to_column_insert(value, model, row),
                field.convert_to_cache(value, model) if cached else None,
            )
            if not per_row:
                with contextlib.suppress(TypeError):
                    converted[key] = pair
        column.append(pair[0])
        cache.append(pair[1])
    return column, cache if cached else None


def _targets(commands):
    """The ids a many2many value of a create links to (SET and LINK commands)."""
    ids = []
    for command in commands or ():
        if command[0] == Command.SET:
            ids += command[2]
        elif command[0] == Command.LINK:
            ids.append(command[1])
        else:
            raise NotImplementedError(f"bulk.insert: many2many command {command[0]}")
    return list(dict.fromkeys(ids))


def _tell_orm(records, written, computed):
    """Drop what the cache says about the other side of the new rows, mark what
    depends on them (the stored computed fields not given among them), and check
    the Python constraints, as ``create`` does."""
    env, pool = records.env, records.pool
    for field in written:
        for inverse in pool.field_inverses[field]:
            env[inverse.model_name].invalidate_model([inverse.name])
    if isinstance(records, pool["mail.thread"]):
        # As mail.thread's create: no change of the records made in this
        # transaction is tracked.
        records._track_discard()
    protected = [records._fields[name] for name in computed]
    with env.protecting(protected, records):
        records.modified(records._fields, create=True)
    records._validate_fields(field.name for field in written)
    if records._check_company_auto:
        records._check_company()
