from odoo import api, models

from odoo.addons.gov_rating import tools as gov_tools

from .gov_publish_period import KIND_LABELS

PAGE_SIZE = 20
MAX_PAGE = 10000


class GovPublicInputError(ValueError):
    """A query parameter of a public page that is not acceptable."""


class GovPublishSite(models.AbstractModel):
    """What the public pages show. Only published or consented data leaves here,
    and never who rated: the values are plain dicts, not records."""

    _name = "gov.publish.site"
    _description = "Public Results Pages"

    # ---------------------------------------------------------------- input
    @api.model
    def _parse_int(self, value, name, maximum=2**31 - 1):
        if value in (None, ""):
            return 0
        if not (isinstance(value, str) and value.isdigit()) or int(value) > maximum:
            raise GovPublicInputError(
                f"参数 {name} 无效 / The parameter {name} is not valid."
            )
        return int(value)

    @api.model
    def _parse_filters(self, params):
        """Region, department and page from the query string, checked."""
        region_id = self._parse_int(params.get("region"), "region")
        department_id = self._parse_int(params.get("department"), "department")
        page = self._parse_int(params.get("page"), "page", MAX_PAGE) or 1
        region = self.env["gov.region"].sudo().browse(region_id).exists()
        department = self.env["hr.department"].sudo().browse(department_id).exists()
        if region_id and not region:
            raise GovPublicInputError("地区不存在 / No such region.")
        if department_id and not department:
            raise GovPublicInputError("部门不存在 / No such department.")
        return region, department, page

    @api.model
    def _filter_choices(self):
        return {
            "regions": [
                {"id": r.id, "name": r.display_name}
                for r in self.env["gov.region"].sudo().search([])
            ],
            "departments": [
                {"id": d.id, "name": d.name}
                for d in self.env["hr.department"]
                .sudo()
                .search([("gov_region_id", "!=", False)], order="name")
            ],
        }

    def _page_values(self, region, department, page, total):
        values = self._filter_choices()
        values.update(
            region=region,
            department=department,
            page=page,
            total=total,
            page_size=PAGE_SIZE,
        )
        return values

    # ---------------------------------------------------------------- pages
    @api.model
    def _items_values(self, params):
        """Each service item's satisfaction: index, ratings and rates (live)."""
        region, department, page = self._parse_filters(params)
        domain = []
        if department:
            domain.append(("department_id", "child_of", department.id))
        if region:
            domain.append(("department_id.gov_region_id", "child_of", region.id))
        Item = self.env["gov.service.item"].sudo()
        total = Item.search_count(domain)
        items = Item.search(domain, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        figures = self.env["gov.evaluation"]._gov_object_figures("item_id", items.ids)
        values = self._page_values(region, department, page, total)
        values["rows"] = [
            {
                "code": item.code,
                "name": item.name,
                "department": item.department_id.name,
                "count": figures[item.id]["count"],
                "index": figures[item.id]["index"],
                "good_rate": figures[item.id]["good_rate"],
                "bad_rate": figures[item.id]["bad_rate"],
            }
            for item in items
        ]
        return values

    @api.model
    def _comments_values(self, params):
        """Valid comments their authors allowed to publish, with a masked author."""
        region, department, page = self._parse_filters(params)
        domain = [
            ("validity", "=", "valid"),
            ("publish_comment", "=", True),
            ("comment", "!=", False),
        ]
        if department:
            domain.append(("department_id", "child_of", department.id))
        if region:
            domain.append(("region_id", "child_of", region.id))
        Evaluation = self.env["gov.evaluation"].sudo()
        total = Evaluation.search_count(domain)
        evaluations = Evaluation.search(
            domain, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
        levels = dict(Evaluation._fields["level"]._description_selection(self.env))
        values = self._page_values(region, department, page, total)
        values["rows"] = [
            {
                "date": evaluation.date.date(),
                "level": levels[evaluation.level],
                "is_bad": evaluation.is_bad,
                "item": evaluation.item_id.name or "",
                "department": evaluation.department_id.name or "",
                "author": self.env._("Anonymous")
                if evaluation.anonymous or not evaluation.evaluator_name
                else gov_tools.mask_name(evaluation.evaluator_name),
                "comment": evaluation.comment,
            }
            for evaluation in evaluations
        ]
        return values

    @api.model
    def _rankings_values(self, params):
        """A published period's ranking of one kind of object."""
        region, department, page = self._parse_filters(params)
        periods = self.env["gov.publish.period"]._public_periods()
        period_id = self._parse_int(params.get("period"), "period")
        period = (
            periods.filtered(lambda p: p.id == period_id) if period_id else periods[:1]
        )
        if period_id and not period:
            raise GovPublicInputError("该期排名未公开 / This ranking is not published.")
        kinds = dict(KIND_LABELS)
        kind = params.get("kind") or "department"
        if kind not in kinds:
            raise GovPublicInputError("排名类别无效 / Unknown kind of ranking.")
        domain = [("period_id", "=", period.id), ("kind", "=", kind)]
        if department:
            domain.append(("department_id", "child_of", department.id))
        if region:
            domain.append(("region_id", "child_of", region.id))
        Line = self.env["gov.publish.line"].sudo()
        total = Line.search_count(domain) if period else 0
        lines = (
            Line.search(domain, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
            if period
            else Line
        )
        labels = dict(Line._fields["kind"]._description_selection(self.env))
        values = self._page_values(region, department, page, total)
        values.update(
            periods=[{"id": p.id, "name": p.name} for p in periods],
            period=period
            and {
                "id": period.id,
                "name": period.name,
                "date_start": period.date_start,
                "date_end": period.date_end,
                "published_date": period.published_date,
                "digest": period.digest,
                "previous_digest": period.previous_digest,
            },
            kinds=[(key, labels[key]) for key in kinds],
            kind=kind,
            rows=[
                {
                    "rank": line.rank,
                    "name": line.name,
                    "count": line.rating_count,
                    "index": line.index,
                    "good_rate": line.good_rate,
                    "bad_rate": line.bad_rate,
                }
                for line in lines
            ],
        )
        return values

    @api.model
    def _verify_values(self, period_id):
        period = (
            self.env["gov.publish.period"]
            ._public_periods()
            .filtered(lambda p: p.id == period_id)
        )
        if not period:
            raise GovPublicInputError("该期排名未公开 / This ranking is not published.")
        return period._gov_verify()
