from odoo import api, fields, models
from odoo.exceptions import AccessError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Not related: a manager, who may not write the company, saves it through
    # set_values like the other gov settings.
    gov_tz = fields.Selection(
        selection=lambda self: self.env["res.company"]._gov_tz_get(),
        string="Centre Time Zone",
        default=lambda self: self.env.company.gov_tz,
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
    gov_suspect_score = fields.Float(
        string="Suspicion Score Threshold",
        config_parameter="gov_rating.suspect_score",
        default=1.0,
    )
    gov_same_text_days = fields.Integer(
        string="Identical Comments Window (days)",
        config_parameter="gov_rating.same_text_days",
        default=30,
    )
    gov_same_text_share = fields.Float(
        string="Share on One Staff Member",
        config_parameter="gov_rating.same_text_share",
        default=0.5,
    )
    gov_same_text_targets = fields.Integer(
        string="Paste When Sent to Fewer Staff Than",
        config_parameter="gov_rating.same_text_targets",
        default=3,
    )
    gov_reuse_days = fields.Integer(
        string="Phone Reuse Window (days)",
        config_parameter="gov_rating.reuse_days",
        default=90,
    )
    gov_reuse_cases = fields.Integer(
        string="Cases per Phone",
        config_parameter="gov_rating.reuse_cases",
        default=3,
    )
    gov_fast_seconds = fields.Integer(
        string="Counter Rating After Completion (s)",
        config_parameter="gov_rating.fast_seconds",
        default=8,
    )
    gov_coercion_days = fields.Integer(
        string="Coercion Window (days)",
        config_parameter="gov_rating.coercion_days",
        default=90,
    )
    gov_onsite_gap = fields.Float(
        string="On-site Minus Off-site Points",
        config_parameter="gov_rating.onsite_gap",
        default=2.0,
    )
    gov_onsite_min = fields.Integer(
        string="Ratings Needed on Each Side",
        config_parameter="gov_rating.onsite_min",
        default=5,
    )
    gov_device_share = fields.Float(
        string="Share of One Device",
        config_parameter="gov_rating.device_share",
        default=0.6,
    )
    gov_device_share_min = fields.Integer(
        string="Ratings Needed for the Device Share",
        config_parameter="gov_rating.device_share_min",
        default=8,
    )
    gov_bad_source_count = fields.Integer(
        string="Bad Reviews per Source and Day",
        config_parameter="gov_rating.bad_source_count",
        default=3,
    )
    gov_surge_days = fields.Integer(
        string="Surge Window (days)",
        config_parameter="gov_rating.surge_days",
        default=7,
    )
    gov_surge_baseline_days = fields.Integer(
        string="Baseline Window (days)",
        config_parameter="gov_rating.surge_baseline_days",
        default=60,
    )
    gov_surge_min = fields.Integer(
        string="Fewest Bad Reviews of a Surge",
        config_parameter="gov_rating.surge_min",
        default=3,
    )
    gov_surge_factor = fields.Float(
        string="Surge Factor over the Baseline",
        config_parameter="gov_rating.surge_factor",
        default=3.0,
    )
    gov_weight_duplicate = fields.Float(
        string="Weight: Duplicate",
        config_parameter="gov_rating.weight_duplicate",
        default=1.0,
    )
    gov_weight_burst_ip = fields.Float(
        string="Weight: Burst from One Address",
        config_parameter="gov_rating.weight_burst_ip",
        default=1.0,
    )
    gov_weight_burst_device = fields.Float(
        string="Weight: Burst from One Device",
        config_parameter="gov_rating.weight_burst_device",
        default=1.0,
    )
    gov_weight_burst_phone = fields.Float(
        string="Weight: Burst from One Phone",
        config_parameter="gov_rating.weight_burst_phone",
        default=1.0,
    )
    gov_weight_too_fast = fields.Float(
        string="Weight: Faster than the Device",
        config_parameter="gov_rating.weight_too_fast",
        default=1.0,
    )
    gov_weight_own_case = fields.Float(
        string="Weight: Own Case",
        config_parameter="gov_rating.weight_own_case",
        default=1.0,
    )
    gov_weight_same_text = fields.Float(
        string="Weight: Concentrated Comment",
        config_parameter="gov_rating.weight_same_text",
        default=1.0,
    )
    gov_weight_not_applicant = fields.Float(
        string="Weight: Not the Applicant's Phone",
        config_parameter="gov_rating.weight_not_applicant",
        default=0.6,
    )
    gov_weight_phone_reuse = fields.Float(
        string="Weight: Phone Reused",
        config_parameter="gov_rating.weight_phone_reuse",
        default=0.6,
    )
    gov_weight_fast_after_done = fields.Float(
        string="Weight: Seconds after Completion",
        config_parameter="gov_rating.weight_fast_after_done",
        default=0.6,
    )
    gov_weight_onsite_gap = fields.Float(
        string="Weight: On-site Far Better",
        config_parameter="gov_rating.weight_onsite_gap",
        default=0.5,
    )
    gov_weight_device_share = fields.Float(
        string="Weight: One Device's Share",
        config_parameter="gov_rating.weight_device_share",
        default=0.4,
    )
    gov_weight_source_bad_day = fields.Float(
        string="Weight: Bad Reviews from One Source",
        config_parameter="gov_rating.weight_source_bad_day",
        default=1.0,
    )
    gov_weight_bad_surge = fields.Float(
        string="Weight: Bad-review Surge",
        config_parameter="gov_rating.weight_bad_surge",
        default=1.0,
    )
    gov_limit_shared_network_per_hour = fields.Integer(
        string="Ratings per Hall Network and Hour",
        config_parameter="gov_rating.limit_shared_network_per_hour",
        default=600,
    )

    def _gov_manager_only(self):
        """A manager of the centre who is no Odoo administrator."""
        return not self.env.is_admin() and self.env.user.has_group(
            "gov_rating.group_gov_manager"
        )

    def _gov_not_for_managers(self, name):
        """Whether ``name`` is another app's field written through to the
        company, which only administrators may change."""
        field = self._fields.get(name)
        return bool(
            field
            and field.related
            and not field.readonly
            and not name.startswith("gov_")
        )

    def _compute_display_name(self):
        """The form's title is the name of the settings action, which Odoo looks
        up among the window actions only administrators may read: the web
        client asks for it on every save, a manager's included."""
        return super(ResConfigSettings, self.sudo())._compute_display_name()

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if self._gov_manager_only():
            for name in [name for name in res if self._gov_not_for_managers(name)]:
                del res[name]
        return res

    @api.model_create_multi
    def create(self, vals_list):
        """A manager's form keeps the other apps' fields related to the company
        out of the record: creating it would write them to the company, which
        only administrators may (execute() saves the gov settings only)."""
        if self._gov_manager_only():
            for vals in vals_list:
                for name in [name for name in vals if self._gov_not_for_managers(name)]:
                    del vals[name]
        return super().create(vals_list)

    def execute(self):
        """Save. A manager of the centre, who is no Odoo administrator, saves the
        gov settings only (fields ``gov_*``), nothing else of the form."""
        if not self._gov_manager_only():
            return super().execute()
        self.ensure_one()
        names = [name for name in self._fields if name.startswith("gov_")]
        values = self._convert_to_write({name: self[name] for name in names})
        self.sudo().create(values).set_values()
        # Back on the gov settings (the general settings page is the admin's).
        return {
            "type": "ir.actions.client",
            "tag": "reload",
            "params": {
                "action_id": self.env.ref("gov_rating.res_config_settings_action").id,
                "menu_id": self.env.ref("gov_rating.menu_gov_settings").id,
            },
        }

    def set_values(self):
        # Managers may create settings records to reach execute(): the rest of
        # the form is for administrators only.
        if not self.env.is_admin():
            raise AccessError(self.env._("Only administrators can change the settings"))
        res = super().set_values()
        if self.company_id.gov_tz != self.gov_tz:
            self.company_id.sudo().gov_tz = self.gov_tz
        return res
