"""API keys are kept hashed (gov.api.key.mixin): the clear keys of the platforms
are replaced by their digest, the device digests get their prefix."""

import hashlib

from odoo.tools.sql import column_exists

PREFIX_SIZE = 8


def migrate(cr, version):
    if column_exists(cr, "gov_platform", "api_key"):
        cr.execute("SELECT id, api_key FROM gov_platform WHERE api_key IS NOT NULL")
        for platform_id, key in cr.fetchall():
            digest = hashlib.sha256(key.encode()).hexdigest()
            cr.execute(
                "UPDATE gov_platform SET api_key_hash = %s, api_key_prefix = %s "
                "WHERE id = %s",
                (digest, digest[:PREFIX_SIZE], platform_id),
            )
        cr.execute("ALTER TABLE gov_platform DROP COLUMN api_key")
    cr.execute(
        "UPDATE gov_device SET api_key_prefix = left(api_key_hash, %s) "
        "WHERE api_key_hash IS NOT NULL AND api_key_prefix IS NULL",
        (PREFIX_SIZE,),
    )
