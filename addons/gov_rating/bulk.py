"""Records made in one INSERT per table, for the batches of the platform import.

``insert`` writes what the ORM's ``create`` would write (default values, the magic
columns, the rows of the many2many relations, the stored computed fields) with one
statement per table, then tells the ORM: the inverse fields of the other models are
invalidated, the dependants marked with ``modified``, the Python constraints checked.
The model's own ``create`` overrides are not run: the caller does what they do
(the completion before, the follow-ups after), so that both paths give the same
rows; tests compare them column by column.
"""

from odoo.fields import Command
from odoo.tools import SQL

MAGIC_COLUMNS = ("create_uid", "create_date", "write_uid", "write_date")


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
    # One placeholder a value (an SQL object spliced in): the SQL wrapper per value
    # would cost more than the insert.
    placeholders, params = [], []
    for row in rows:
        cells = []
        for field in columns:
            if field.name not in row:
                cells.append("DEFAULT")
                continue
            value = field.convert_to_column_insert(row[field.name], model, row)
            if isinstance(value, SQL):
                cells.append(value.code)
                params += value.params
            else:
                cells.append("%s")
                params.append(value)
        placeholders.append(f"({', '.join(cells)}, %s, %s, %s, %s)")
        params += magic
    names = [field.name for field in columns] + list(MAGIC_COLUMNS)
    # What is pending is written before the rows are: nothing cached is then lost.
    env.flush_all()
    env.cr.execute(
        SQL(
            "INSERT INTO %s (%s) VALUES ",
            SQL.identifier(model._table),
            SQL(", ").join(SQL.identifier(name) for name in names),
        ).code
        + ", ".join(placeholders)
        + " RETURNING id",
        params,
    )
    records = model.browse(id_ for (id_,) in env.cr.fetchall())
    for field in relations:
        pairs = [
            (record.id, target)
            for record, row in zip(records, rows, strict=True)
            for target in _targets(row.get(field.name))
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
    _tell_orm(records, columns + relations, computed)
    return records


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
    records.invalidate_recordset()
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
