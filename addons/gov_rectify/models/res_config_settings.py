from odoo import fields, models

from .gov_rectify_notify_mixin import OVERDUE_NOTIFY


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    gov_rectify_complex_days = fields.Integer(
        string="Complex Rectification (working days)",
        config_parameter="gov_rectify.complex_days",
        default=15,
        help="The deadline proposed for a rectification ledger.",
    )
    gov_rectify_reply_days = fields.Integer(
        string="Reply Within (natural days)",
        config_parameter="gov_rectify.reply_days",
        default=0,
        help="Overall limit for the reply to the citizen, counted from the bad "
        "review (Shanxi: 15). 0: only the step deadlines apply.",
    )
    gov_rectify_warning_hours = fields.Integer(
        string="Warn Before Due (hours)",
        config_parameter="gov_rectify.warning_hours",
        default=24,
    )
    gov_rectify_supervisor_id = fields.Many2one(
        "res.users",
        string="Default Supervisor",
        config_parameter="gov_rectify.supervisor_id",
        help="Follows work orders opened automatically and receives escalations.",
    )
    gov_rectify_overdue_notify = fields.Selection(
        OVERDUE_NOTIFY,
        string="Overdue Steps Are Told To",
        config_parameter="gov_rectify.overdue_notify",
        default="department",
        help="Who receives the message when a step of a work order is overdue; "
        "the supervisor also gets a to-do.",
    )
    gov_rectify_sample_share = fields.Float(
        string="Sample Survey Share (%)",
        config_parameter="gov_rectify.sample_share",
        default=0.0,
        help="Share of each day's rated cases called back for a survey. 0: off.",
    )
    gov_rectify_warning_only_dissatisfied = fields.Boolean(
        string="Warnings Count Only 'Dissatisfied' Votes",
        config_parameter="gov_rectify.warning_only_dissatisfied",
        help="By default both bad-review levels (dissatisfied and very dissatisfied) "
        "count toward efficiency warnings; tick to count 'dissatisfied' only.",
    )
    gov_rectify_ranking_summons = fields.Boolean(
        string="Summon the Window Last Two Months Running",
        config_parameter="gov_rectify.ranking_summons",
    )
