"""A rating points to the platform file it was imported from (it was a list of
ratings on the file): the links of the files imported before are carried over."""


def migrate(cr, version):
    cr.execute("SELECT to_regclass('gov_evaluation_gov_exchange_import_rel')")
    if not cr.fetchone()[0]:
        return
    cr.execute(
        """UPDATE gov_evaluation e
              SET gov_import_id = rel.gov_exchange_import_id
             FROM gov_evaluation_gov_exchange_import_rel rel
            WHERE rel.gov_evaluation_id = e.id AND e.gov_import_id IS NULL"""
    )
    cr.execute("DROP TABLE gov_evaluation_gov_exchange_import_rel")
