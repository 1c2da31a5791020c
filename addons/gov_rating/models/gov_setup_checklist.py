from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import AccessError

# Hosts that only the server itself can reach: counter codes must not carry them.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "0.0.0.0", "::1")
# The steps of a new centre's setup, in the order a manager takes them.
STEPS = ("website", "units", "places", "staff", "sms", "cards")


class GovSetupChecklist(models.TransientModel):
    """The setup of a new centre as a checklist with its progress: each step
    reads the data it needs, nothing is ticked by hand but the printing of the
    cards, which happens on paper."""

    _name = "gov.setup.checklist"
    _description = "Setup Checklist"

    progress = fields.Integer(string="Progress (%)", compute="_compute_steps")
    website_done = fields.Boolean(
        string="Website name, logo and public URL", compute="_compute_steps"
    )
    website_detail = fields.Char(string="Website Details", compute="_compute_steps")
    units_done = fields.Boolean(string="Service units", compute="_compute_steps")
    units_detail = fields.Char(string="Unit Details", compute="_compute_steps")
    places_done = fields.Boolean(
        string="Halls, windows and seats", compute="_compute_steps"
    )
    places_detail = fields.Char(string="Place Details", compute="_compute_steps")
    staff_done = fields.Boolean(
        string="Staff linked to users", compute="_compute_steps"
    )
    staff_detail = fields.Char(string="Staff Details", compute="_compute_steps")
    sms_done = fields.Boolean(string="SMS gateway", compute="_compute_steps")
    sms_detail = fields.Char(string="SMS Details", compute="_compute_steps")
    cards_done = fields.Boolean(string="Cards printed", compute="_compute_steps")
    cards_detail = fields.Char(string="Card Details", compute="_compute_steps")

    def _compute_display_name(self):
        for checklist in self:
            checklist.display_name = self.env._("Setup Checklist")

    def _compute_steps(self):
        steps = self._gov_steps()
        for checklist in self:
            for step, (done, detail) in steps.items():
                checklist[f"{step}_done"] = done
                checklist[f"{step}_detail"] = detail
            checklist.progress = round(
                100 * sum(done for done, _detail in steps.values()) / len(STEPS)
            )

    @api.model
    def _gov_steps(self):
        """{step: (done, what is there or missing)} of the current company."""
        return {step: getattr(self, f"_step_{step}")() for step in STEPS}

    @api.model
    def _step_website(self):
        company = self.env.company
        website = (
            self.env["website"]
            .sudo()
            .search([("company_id", "in", [company.id, False])], limit=1)
        )
        missing = []
        if not website.name or website.name == "My Website":
            missing.append(self.env._("website name"))
        if company.uses_default_logo and (
            not website.logo or website.logo == website._default_logo()
        ):
            missing.append(self.env._("logo"))
        url = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        if (urlsplit(url).hostname or "localhost") in LOCAL_HOSTS:
            missing.append(self.env._("public URL (still %(url)s)", url=url))
        if missing:
            return False, self.env._("Missing: %(what)s", what=", ".join(missing))
        return True, f"{website.name} · {url}"

    @api.model
    def _step_units(self):
        departments = self.env["hr.department"].sudo().search_count([])
        items = self.env["gov.service.item"].sudo().search_count([])
        return bool(departments and items), self.env._(
            "%(departments)s departments, %(items)s service items",
            departments=departments,
            items=items,
        )

    @api.model
    def _step_places(self):
        counts = [
            self.env[model].sudo().search_count([])
            for model in ("gov.hall", "gov.window", "gov.seat")
        ]
        return all(counts), self.env._(
            "%(halls)s halls, %(windows)s windows, %(seats)s seats",
            halls=counts[0],
            windows=counts[1],
            seats=counts[2],
        )

    @api.model
    def _step_staff(self):
        Employee = self.env["hr.employee"].sudo()
        counter = [("gov_window_id", "!=", False)]
        total = Employee.search_count(counter)
        linked = Employee.search_count(counter + [("user_id", "!=", False)])
        return bool(total) and linked == total, self.env._(
            "%(linked)s of %(total)s counter staff have a user",
            linked=linked,
            total=total,
        )

    @api.model
    def _step_sms(self):
        gateway = self.env["gov.sms.provider"].sudo().search([], limit=1)
        if not gateway:
            return False, self.env._("No SMS gateway is configured.")
        return True, gateway.name

    @api.model
    def _step_cards(self):
        printed = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("gov_rating.cards_printed_date")
        )
        if not printed:
            return False, self.env._("Print the cards, then confirm it here.")
        return True, self.env._("Confirmed on %(date)s", date=printed)

    # ---------------------------------------------------------------- actions
    @api.model
    def action_open(self):
        """The checklist as its menu opens it: a record with its progress."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "gov_rating.gov_setup_checklist_action"
        )
        action["res_id"] = self.create({}).id
        return action

    def action_confirm_cards(self):
        """The manager confirms the counter cards are printed and in place."""
        if not self.env.user.has_group("gov_rating.group_gov_manager"):
            raise AccessError(
                self.env._("Only a manager confirms that the cards are printed.")
            )
        self.env["ir.config_parameter"].sudo().set_param(
            "gov_rating.cards_printed_date",
            fields.Date.to_string(self.env.company._gov_today()),
        )
        return True
