from odoo import api, models
from odoo.exceptions import AccessError
from odoo.osv import expression

from .. import tools as gov_tools

IDENTITY_GROUP = "gov_rating.group_gov_identity"


class GovIdentityMixin(models.AbstractModel):
    """Records holding a citizen's identity (``_gov_identity_fields``).

    - Every path that returns an identity to a person is logged: read, search_read,
      web_read, web_search_read, read_group by an identity field, export_data.
    - Searching, grouping or sorting on an identity is refused to those who may not
      read it (the fields' ``groups=``, checked here first with a clear message).
    - The staff member a record is about (``_gov_subject_field``: the one rated or
      complained of) never sees any part of the identity on it, whatever their
      groups: not the identity, not its masked form, not by searching on it.
    - Free text (``_gov_free_text_fields``) is exported masked to those who may not
      read identities, as on the public pages."""

    _name = "gov.identity.mixin"
    _description = "Holder of a Citizen's Identity"
    _gov_identity_fields = ()
    # Path to the hr.employee the record is about; None when it is about nobody.
    _gov_subject_field = "employee_id"
    _gov_free_text_fields = ()

    # ------------------------------------------------------------- helpers
    @api.model
    def _gov_identity_reader(self):
        return self.env.su or self.env.user.has_group(IDENTITY_GROUP)

    @api.model
    def _gov_identity_derived(self):
        """The identity fields and the fields computed from them (masked forms)."""
        identity = set(self._gov_identity_fields)
        derived = set(identity)
        for name, field in self._fields.items():
            depends = self.pool.field_depends[field]
            if any(path.split(".")[0] in identity for path in depends):
                derived.add(name)
        return derived

    @api.model
    def _gov_not_about_me_domain(self):
        """The records that are not about the current user (computed as superuser:
        staff may not search the employees)."""
        if self.env.su or not self._gov_subject_field:
            return []
        employees = self.env.user.sudo().employee_ids
        if not employees:
            return []
        first, _dot, rest = self._gov_subject_field.partition(".")
        about = employees.ids
        if rest:
            comodel = self.env[self._fields[first].comodel_name].sudo()
            about = comodel._search([(rest, "in", employees.ids)])
        return ["|", (first, "=", False), (first, "not in", about)]

    def _gov_about_me(self):
        """Those of ``self`` that are about the current user."""
        if self.env.su or not self._gov_subject_field:
            return self.browse()
        employees = self.env.user.sudo().employee_ids
        path = self._gov_subject_field
        return self.browse(
            record.id for record in self.sudo() if record.mapped(path) & employees
        )

    def _gov_log_identity(self, ids, field_names):
        """Log that the current user read ``field_names`` of the records ``ids``."""
        if self.env.su or not ids:
            return
        self.env["gov.identity.access.log"].sudo().create(
            [
                {
                    "user_id": self.env.uid,
                    "res_model": self._name,
                    "res_id": res_id,
                    "field_names": ", ".join(field_names),
                }
                for res_id in ids
            ]
        )

    @api.model
    def _gov_identity_terms(self, domain):
        """The identity fields a domain searches on."""
        identity = set(self._gov_identity_fields)
        return {
            term[0].split(".")[0]
            for term in domain or []
            if isinstance(term, list | tuple)
            and isinstance(term[0], str)
            and term[0].split(".")[0] in identity
        }

    @api.model
    def _gov_check_identity_search(self, field_names):
        """Refuse to search, group or sort on an identity without the right."""
        if field_names and not self._gov_identity_reader():
            raise AccessError(
                self.env._(
                    "Only evaluator identity readers may search, group or sort by "
                    "%(fields)s.",
                    fields=", ".join(sorted(field_names)),
                )
            )

    # ---------------------------------------------------------- searching
    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        used = self._gov_identity_terms(domain)
        if order:
            identity = set(self._gov_identity_fields)
            used |= {
                part.split()[0] for part in order.split(",") if part.split()
            } & identity
        if used and not self.env.su:
            self._gov_check_identity_search(used)
            # Nobody learns by searching on an identity who rated them.
            domain = expression.AND([domain, self._gov_not_about_me_domain()])
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def read_group(
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        groupbys = [groupby] if isinstance(groupby, str) else list(groupby or [])
        grouped = [
            name
            for name in self._gov_identity_fields
            if any(spec.split(":")[0] == name for spec in groupbys)
        ]
        if not grouped or self.env.su:
            return super().read_group(
                domain, fields, groupby, offset, limit, orderby, lazy
            )
        self._gov_check_identity_search(grouped)
        domain = expression.AND([domain or [], self._gov_not_about_me_domain()])
        groups = super().read_group(
            domain, fields, groupby, offset, limit, orderby, lazy
        )
        if groups:
            shown = expression.AND(
                [
                    expression.OR([group["__domain"] for group in groups]),
                    expression.OR([[(name, "!=", False)] for name in grouped]),
                ]
            )
            self._gov_log_identity(self.search(shown).ids, grouped)
        return groups

    read_group._readonly = False

    # ------------------------------------------------------------ reading
    def _read_format(self, fnames, load="_classic_read"):
        """Where read, search_read, web_read and web_search_read all return."""
        result = super()._read_format(fnames, load=load)
        if self.env.su or not result:
            return result
        derived = self._gov_identity_derived() & set(fnames)
        if not derived:
            return result
        mine = set(self._gov_about_me().ids)
        for values in result:
            if values["id"] in mine:
                values.update(dict.fromkeys(derived, False))
        read = [name for name in self._gov_identity_fields if name in fnames]
        if read:
            self._gov_log_identity(
                [values["id"] for values in result if values["id"] not in mine], read
            )
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """Rows of export_data: identities logged, blanked for the staff member
        concerned, free text masked for those who may not read identities."""
        if self.env.su:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        names = [path[0] if path else None for path in fields]
        derived = self._gov_identity_derived()
        free_text = set(self._gov_free_text_fields)
        if not (derived | free_text) & set(names):
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        # A last column of ids tells the first line of each record from the lines
        # of its x2many values.
        lines = super()._export_rows(
            [*fields, [".id"]], _is_toplevel_call=_is_toplevel_call
        )
        reader = self._gov_identity_reader()
        mine = set(self._gov_about_me().ids)
        exported = set()
        for line in lines:
            res_id = line.pop()
            if not res_id:
                continue
            record = self.browse(int(res_id))
            for index, name in enumerate(names):
                if name in derived and record.id in mine:
                    line[index] = ""
                elif name in free_text and not reader and line[index]:
                    line[index] = gov_tools.mask_text(
                        line[index], record._gov_identity_names()
                    )
                elif name in self._gov_identity_fields and line[index]:
                    exported.add(record.id)
        read = [name for name in self._gov_identity_fields if name in names]
        self._gov_log_identity(sorted(exported), read)
        return lines

    def _gov_identity_names(self):
        """Names of the citizen on the record, masked in its free text."""
        self.ensure_one()
        record = self.sudo()
        return [
            record[name]
            for name in self._gov_identity_fields
            if name.endswith("_name") and record[name]
        ]

    # Reading an identity writes its log: these run on a read/write cursor, not on
    # the read-only one Odoo gives them by default over RPC.
    def read(self, fields=None, load="_classic_read"):
        return super().read(fields=fields, load=load)

    read._readonly = False

    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        return super().search_read(
            domain=domain,
            fields=fields,
            offset=offset,
            limit=limit,
            order=order,
            **read_kwargs,
        )

    search_read._readonly = False

    def web_read(self, specification):
        return super().web_read(specification)

    web_read._readonly = False

    @api.model
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        return super().web_search_read(
            domain,
            specification,
            offset=offset,
            limit=limit,
            order=order,
            count_limit=count_limit,
        )

    web_search_read._readonly = False

    @api.model
    def web_read_group(
        self, domain, fields, groupby, limit=None, offset=0, orderby=False, lazy=True
    ):
        return super().web_read_group(
            domain, fields, groupby, limit, offset, orderby, lazy
        )

    web_read_group._readonly = False
