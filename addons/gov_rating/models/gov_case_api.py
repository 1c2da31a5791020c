from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovCase(models.Model):
    """Cases pushed by business systems and platforms: created or updated by case
    number, the codes they give looked up together."""

    # One model in two files by concern (record, pushed cases).
    _inherit = "gov.case"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _api_upsert(self, platform, payload):
        """Create or update a case pushed by a business system; the same case number
        from the same platform updates the case. Returns the case."""
        [(case, error)] = self._api_upsert_many(platform, [payload])
        if error:
            raise ValidationError(error)
        return case

    @api.model
    def _api_upsert_many(self, platform, payloads, bulk=False):
        """``_api_upsert`` of many cases at once: the codes are looked up in one query
        each, the new cases created together (with ``bulk``, in SQL:
        ``_bulk_create``). Returns one (case, error message) per payload, in order;
        a payload with an error changes nothing."""
        results = [(self.browse(), None)] * len(payloads)
        lookups = self._api_lookups(payloads)
        prepared = []
        for index, payload in enumerate(payloads):
            try:
                prepared.append((index, *self._api_case_vals(payload, lookups)))
            except ValidationError as error:
                results[index] = (self.browse(), error.args[0])
        numbers = [number for __, number, __vals in prepared]
        cases = {case.name: case for case in self.search([("name", "in", numbers)])}
        to_create = {}
        updates = []
        for index, number, vals in prepared:
            case = cases.get(number)
            if case and case.platform_id != platform:
                results[index] = (
                    self.browse(),
                    self.env._(
                        "Case %(number)s belongs to another platform.", number=number
                    ),
                )
            elif case or number in to_create:
                updates.append((index, number, vals))
            else:
                to_create[number] = (index, dict(vals, platform_id=platform.id))
        if to_create:
            create = self._bulk_create if bulk else self.create
            created = create([vals for __, vals in to_create.values()])
            for (index, __), case in zip(to_create.values(), created, strict=True):
                cases[case.name] = case
                results[index] = (case, None)
        for index, number, vals in updates:
            case = cases[number]
            changed = {
                key: value
                for key, value in vals.items()
                if key == "employee_ids"
                or case._fields[key].convert_to_write(case[key], case) != value
            }
            if changed:
                case.write(changed)
            results[index] = (case, None)
        return results

    @api.model
    def _api_lookups(self, payloads):
        """The service items, staff and windows the payloads name, by code."""

        def codes(key):
            return {
                str(p[key])
                for p in payloads
                if isinstance(p, dict) and p.get(key) and isinstance(p[key], str | int)
            }

        items, windows, staff = {}, {}, {}
        # Only the codes are read here (not every field of the staff records).
        for item in self.env["gov.service.item"].search_fetch(
            [("code", "in", list(codes("taskCode")))], ["code"]
        ):
            items.setdefault(item.code, item)
        for window in self.env["gov.window"].search_fetch(
            [("code", "in", list(codes("windowCode")))], ["code", "hall_id"]
        ):
            windows.setdefault(window.code, window)
        staff_codes = {
            code
            for p in payloads
            if isinstance(p, dict) and isinstance(p.get("staffCodes"), list)
            for code in p["staffCodes"]
            if isinstance(code, str)
        }
        for employee in self.env["hr.employee"].search_fetch(
            [("gov_staff_code", "in", list(staff_codes))], ["gov_staff_code"]
        ):
            staff.setdefault(employee.gov_staff_code, self.env["hr.employee"])
            staff[employee.gov_staff_code] |= employee
        return {"items": items, "windows": windows, "staff": staff}

    @api.model
    def _api_case_vals(self, payload, lookups):
        """(case number, values) of one pushed case; a ValidationError when it
        cannot be taken."""
        if not isinstance(payload, dict):
            raise ValidationError(self.env._("The request body must be a JSON object."))
        number = str(payload.get("projectNo") or "").strip()
        if not number:
            raise ValidationError(self.env._("projectNo (the case number) is missing."))
        for key in ("taskCode", "windowCode", "userName", "certKey", "mobile"):
            if payload.get(key) is not None and not isinstance(payload[key], str | int):
                raise ValidationError(
                    self.env._("%(field)s must be a text.", field=key)
                )
        codes = payload.get("staffCodes")
        if codes is not None and not (
            isinstance(codes, list) and all(isinstance(c, str) for c in codes)
        ):
            raise ValidationError(self.env._("staffCodes must be a list of texts."))
        item = lookups["items"].get(str(payload.get("taskCode") or ""))
        if not item:
            raise ValidationError(
                self.env._(
                    "Unknown service item code %(code)s.", code=payload.get("taskCode")
                )
            )
        vals = {
            "name": number,
            "item_id": item.id,
            "applicant_type": "company"
            if str(payload.get("userProp")) == "2"
            else "person",
        }
        # A status-only update keeps the applicant it does not mention.
        for field, key in (
            ("applicant_name", "userName"),
            ("applicant_cert", "certKey"),
            ("applicant_phone", "mobile"),
        ):
            if key in payload:
                vals[field] = str(payload[key] or "") or False
        if codes:
            staff = self.env["hr.employee"]
            for code in codes:
                staff |= lookups["staff"].get(code, staff.browse())
            if len(staff) != len(set(codes)):
                raise ValidationError(
                    self.env._("Unknown staff numbers in staffCodes.")
                )
            vals["employee_ids"] = [fields.Command.set(staff.ids)]
        if payload.get("windowCode"):
            window = lookups["windows"].get(str(payload["windowCode"]))
            if not window:
                raise ValidationError(self.env._("Unknown window code."))
            vals.update(window_id=window.id, hall_id=window.hall_id.id)
        if str(payload.get("proStatus")) == "done":
            vals["state"] = "done"
        return number, vals
