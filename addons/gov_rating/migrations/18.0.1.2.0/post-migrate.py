"""Public service units: the departments a centre had already placed in a region
(the units of its halls and service items) stay listed on the public pages."""


def migrate(cr, version):
    cr.execute(
        "UPDATE hr_department SET gov_public_service = TRUE "
        "WHERE gov_region_id IS NOT NULL AND gov_public_service IS NOT TRUE"
    )
