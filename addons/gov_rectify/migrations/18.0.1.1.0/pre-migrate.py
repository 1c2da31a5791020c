from odoo.addons.gov_rating.upgrade import hand_over

MODELS = ("gov.complaint", "gov.monitor", "gov.monitor.report")


def migrate(cr, version):
    """The complaint desk and the monitors moved to gov_supervision."""
    hand_over(cr, "gov_rectify", "gov_supervision", MODELS)
