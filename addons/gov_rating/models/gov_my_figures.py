from markupsafe import Markup

from odoo import api, fields, models


class GovMyFigures(models.TransientModel):
    """A window clerk's home: their index, their rank among the staff of their
    hall this month, their tag portrait and their latest ratings, never who gave
    them. The figures of the colleagues are read to rank, never shown."""

    _name = "gov.my.figures"
    _description = "My Ratings and Rank"

    employee_id = fields.Many2one(
        "hr.employee", string="Staff", compute="_compute_figures"
    )
    hall_id = fields.Many2one("gov.hall", compute="_compute_figures")
    rating_count = fields.Integer(string="Ratings", compute="_compute_figures")
    index = fields.Float(
        string="Rating Index", compute="_compute_figures", digits=(6, 2)
    )
    good_rate = fields.Float(
        string="Good-review Rate (%)", compute="_compute_figures", digits=(5, 2)
    )
    month_rating_count = fields.Integer(
        string="Ratings This Month", compute="_compute_figures"
    )
    rank = fields.Integer(
        string="Rank in the Hall This Month",
        compute="_compute_figures",
        help="Among the staff of the hall rated this month; 0: not rated yet "
        "this month.",
    )
    rank_total = fields.Integer(string="Staff Ranked", compute="_compute_figures")
    portrait_html = fields.Html(
        string="Tag Portrait", compute="_compute_figures", sanitize=False
    )
    evaluation_ids = fields.Many2many(
        "gov.evaluation", string="Latest Ratings", compute="_compute_figures"
    )

    def _compute_display_name(self):
        for record in self:
            record.display_name = self.env._("My Ratings")

    @api.depends_context("uid")
    def _compute_figures(self):
        values = self._gov_values()
        for record in self:
            record.update(values)

    @api.model
    def _gov_values(self):
        """The figures of the current user's counter staff record."""
        employee = self.env.user.employee_ids.filtered("gov_window_id")[:1]
        if not employee:
            return {
                "employee_id": False,
                "hall_id": False,
                "rating_count": 0,
                "index": 0.0,
                "good_rate": 0.0,
                "month_rating_count": 0,
                "rank": 0,
                "rank_total": 0,
                "portrait_html": False,
                "evaluation_ids": False,
            }
        employee_sudo = employee.sudo()
        hall = employee_sudo.gov_window_id.hall_id
        company = self.env.company
        today = company._gov_today()
        month = company._gov_range_domain(today.replace(day=1), today)
        ranking = employee_sudo._gov_ranking(
            [("gov_window_id.hall_id", "=", hall.id)], rating_domain=month
        )
        ranked = [record for record, _fig in ranking]
        mine = dict(ranking).get(employee_sudo, {})
        return {
            "employee_id": employee.id,
            "hall_id": hall.id,
            "rating_count": employee_sudo.gov_rating_count,
            "index": employee_sudo.gov_index,
            "good_rate": employee_sudo.gov_good_rate,
            "month_rating_count": mine.get("count", 0),
            "rank": ranked.index(employee_sudo) + 1 if employee_sudo in ranked else 0,
            "rank_total": len(ranked),
            "portrait_html": self._portrait(employee),
            "evaluation_ids": self.env["gov.evaluation"]
            .search([("employee_id", "=", employee.id)], limit=10)
            .ids,
        }

    @api.model
    def _portrait(self, employee):
        """The tags citizens chose for ``employee``, most chosen first."""
        groups = self.env["gov.tag.report"]._read_group(
            [("employee_id", "=", employee.id)],
            ["tag_id"],
            ["tag_count:sum"],
            order="tag_count:sum desc",
            limit=8,
        )
        if not groups:
            return Markup("<p class='text-muted'>%s</p>") % self.env._(
                "No tag chosen yet."
            )
        return Markup("").join(
            Markup(
                "<span class='badge rounded-pill text-bg-light border me-1 mb-1 "
                "o_gov_portrait_tag'>%s <b>%s</b></span>"
            )
            % (tag.name, count)
            for tag, count in groups
        )

    @api.model
    def action_open(self):
        """The clerk's home as the menu opens it: a record with the figures."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "gov_rating.gov_my_figures_action"
        )
        action["res_id"] = self.create({}).id
        return action
