from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SCENES = [("counter", "Counter"), ("online", "Online")]


class GovTagSet(models.Model):
    """A versioned set of rating tags (评价内容). A version in use is locked: a
    manager changes tags by making a new version and activating it."""

    _name = "gov.tag.set"
    _inherit = ["mail.thread"]
    _description = "Rating Tag Set"
    _order = "scene, version desc"

    name = fields.Char(required=True, translate=True, tracking=True)
    scene = fields.Selection(SCENES, required=True, default="counter")
    version = fields.Integer(required=True, default=1, readonly=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("archived", "Archived")],
        required=True,
        default="draft",
        tracking=True,
    )
    locked = fields.Boolean(
        readonly=True,
        copy=False,
        help="Set when the first rating uses this version; its tags no longer change.",
    )
    tag_ids = fields.One2many("gov.tag", "tag_set_id", string="Tags", copy=True)

    _sql_constraints = [
        ("scene_version_unique", "unique(scene, version)", "A version is used once."),
    ]

    @api.constrains("state", "scene")
    def _check_one_active(self):
        for tag_set in self.filtered(lambda s: s.state == "active"):
            if (
                self.search_count(
                    [("scene", "=", tag_set.scene), ("state", "=", "active")]
                )
                > 1
            ):
                raise ValidationError(
                    self.env._("Only one tag set version is active per scene.")
                )

    def unlink(self):
        if self.filtered("locked"):
            raise UserError(self.env._("A tag set version in use cannot be deleted."))
        return super().unlink()

    def _check_unlocked(self):
        if self.filtered("locked"):
            raise UserError(
                self.env._(
                    "This tag set version is in use and locked: make a new version "
                    "to change its tags."
                )
            )

    def action_new_version(self):
        self.ensure_one()
        last = self.search([("scene", "=", self.scene)], order="version desc", limit=1)
        new = self.copy({"version": last.version + 1, "state": "draft"})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    def action_activate(self):
        for tag_set in self:
            self.search(
                [("scene", "=", tag_set.scene), ("state", "=", "active")]
            ).state = "archived"
            tag_set.state = "active"

    @api.model
    def _active_for(self, scene):
        return self.search([("scene", "=", scene), ("state", "=", "active")], limit=1)
