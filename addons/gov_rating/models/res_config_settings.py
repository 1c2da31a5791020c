from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    gov_tz = fields.Selection(
        related="company_id.gov_tz", string="Centre Time Zone", readonly=False
    )

    gov_initial_score = fields.Float(
        string="Initial Score",
        config_parameter="gov_rating.initial_score",
        default=10.0,
    )
    gov_prior_weight = fields.Float(
        string="Weight of the Initial Score",
        config_parameter="gov_rating.prior_weight",
        default=5.0,
        help="How many ratings the initial score counts as (k in the index formula).",
    )
    gov_supplementary_days = fields.Integer(
        string="Supplementary Rating Window (days)",
        config_parameter="gov_rating.supplementary_days",
        default=7,
        help="How long after a visit a citizen may still rate it from the same code.",
    )
    gov_default_rating = fields.Boolean(
        string="System Default Rating", config_parameter="gov_rating.default_rating"
    )
    gov_default_rating_level = fields.Selection(
        [("3", "Basically satisfied"), ("4", "Satisfied")],
        string="Default Level",
        config_parameter="gov_rating.default_rating_level",
        default="3",
    )
    gov_default_rating_days = fields.Integer(
        string="Default Rating After (days)",
        config_parameter="gov_rating.default_rating_days",
        default=7,
    )
    gov_default_rating_day_type = fields.Selection(
        [("natural", "Natural days"), ("working", "Working days")],
        string="Counted In",
        config_parameter="gov_rating.default_rating_day_type",
        default="natural",
    )
    gov_default_rating_excluded = fields.Boolean(
        string="Leave Default Ratings out of Statistics",
        config_parameter="gov_rating.default_rating_excluded",
        default=True,
    )
    gov_burst_minutes = fields.Integer(
        string="Burst Window (minutes)",
        config_parameter="gov_rating.burst_minutes",
        default=10,
    )
    gov_burst_count = fields.Integer(
        string="Burst Threshold", config_parameter="gov_rating.burst_count", default=5
    )
    gov_duplicate_hours = fields.Integer(
        string="Duplicate Window (hours)",
        config_parameter="gov_rating.duplicate_hours",
        default=24,
    )
    gov_same_text_count = fields.Integer(
        string="Identical Comments Threshold",
        config_parameter="gov_rating.same_text_count",
        default=3,
    )
    gov_same_text_min_length = fields.Integer(
        string="Shortest Comment Compared",
        config_parameter="gov_rating.same_text_min_length",
        default=6,
    )
    gov_link_valid_days = fields.Integer(
        string="Case Links Valid (days)",
        config_parameter="gov_rating.link_valid_days",
        default=15,
    )
    gov_sms_invitation = fields.Boolean(
        string="SMS Invitations",
        config_parameter="gov_rating.sms_invitation",
        help="Send the applicant an SMS with the rating link when a case is completed.",
    )
    gov_limit_ip_per_hour = fields.Integer(
        string="Ratings per IP Address and Hour",
        config_parameter="gov_rating.limit_ip_per_hour",
        default=30,
    )
    gov_limit_phone_per_day = fields.Integer(
        string="Ratings per Phone and Day",
        config_parameter="gov_rating.limit_phone_per_day",
        default=10,
    )
    gov_limit_device_per_minute = fields.Integer(
        string="Ratings per Device and Minute",
        config_parameter="gov_rating.limit_device_per_minute",
        default=12,
    )
