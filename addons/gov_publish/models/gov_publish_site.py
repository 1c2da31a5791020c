from odoo import api, models

from odoo.addons.gov_rating import tools as gov_tools
from odoo.addons.gov_rating.public import GovPublicError, parse_int

from .gov_publish_period import KIND_LABELS
from .gov_rectify_order import PUBLIC_RESULTS

PAGE_SIZE = 20
MAX_PAGE = 10000
# Pages the pager offers past the current one (the count stops there).
PAGES_AHEAD = 5
# Departments listed in the filter menu at most; a search narrows them.
MENU_SIZE = 50
MAX_SEARCH = 64
# Latest published complaints, assessments and suggestions shown under the results.
SECTION_SIZE = 10


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
        number = parse_int(value, maximum)
        if number is None:
            raise GovPublicError(
                f"参数 {name} 无效 / The parameter {name} is not valid."
            )
        return number

    @api.model
    def _parse_filters(self, params):
        """Region, department and page from the query string, checked."""
        region_id = self._parse_int(params.get("region"), "region")
        department_id = self._parse_int(params.get("department"), "department")
        page = self._parse_int(params.get("page"), "page", MAX_PAGE) or 1
        region = self.env["gov.region"].sudo().browse(region_id).exists()
        department = self.env["hr.department"].sudo().browse(department_id).exists()
        if region_id and not region:
            raise GovPublicError("地区不存在 / No such region.")
        if department_id and not department:
            raise GovPublicError("部门不存在 / No such department.")
        return region, department, page

    @api.model
    def _parse_search(self, params):
        """The text that narrows the department menu, checked."""
        search = (params.get("dq") or "").strip()
        if len(search) > MAX_SEARCH:
            raise GovPublicError("搜索词过长 / The search text is too long.")
        return search

    @api.model
    def _filter_choices(self, region, department, search):
        """The filter menus, bounded whatever the size of the province: the
        regions on the way down to the chosen one and its subregions, and the
        first departments (of the chosen region, matching ``search``) by name,
        none before a region is chosen or a name typed."""
        Region = self.env["gov.region"].sudo()
        regions = Region.search([("parent_id", "=", False)])
        if region:
            regions |= Region.search(
                ["|", ("id", "parent_of", region.id), ("parent_id", "=", region.id)]
            )
        domain = [("gov_region_id", "!=", False)]
        if region:
            domain = [("gov_region_id", "child_of", region.id)]
        if search:
            domain.append(("name", "ilike", search))
        Department = self.env["hr.department"].sudo()
        if region or search:
            departments = Department.search(
                domain, order="name, id", limit=MENU_SIZE + 1
            )
            more = len(departments) > MENU_SIZE
            departments = departments[:MENU_SIZE]
        else:
            departments = Department
            more = bool(Department.search_count(domain, limit=1))
        if department and department not in departments:
            departments = department | departments
        return {
            "regions": [
                {"id": r.id, "name": r.display_name}
                for r in regions.sorted(lambda r: r.parent_path)
            ],
            "departments": [{"id": d.id, "name": d.name} for d in departments],
            "more_departments": more,
            "department_search": search,
        }

    @api.model
    def _bounded_count(self, records, domain, page):
        """How many rows the pager offers: the true count up to a few pages past
        ``page``, never a count of every matching row of a large table."""
        return records.search_count(domain, limit=(page + PAGES_AHEAD) * PAGE_SIZE)

    def _page_values(self, region, department, page, total, search=""):
        values = self._filter_choices(region, department, search)
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
        total = self._bounded_count(Item, domain, page)
        items = Item.search(domain, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        figures = self.env["gov.evaluation"]._gov_object_figures("item_id", items.ids)
        values = self._page_values(
            region, department, page, total, self._parse_search(params)
        )
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
        total = self._bounded_count(Evaluation, domain, page)
        evaluations = Evaluation.search(
            domain, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
        )
        levels = dict(Evaluation._fields["level"]._description_selection(self.env))
        values = self._page_values(
            region, department, page, total, self._parse_search(params)
        )
        company = self.env.company
        values["rows"] = [
            {
                "date": company._gov_local_date(evaluation.date),
                "level": levels[evaluation.level],
                "is_bad": evaluation.is_bad,
                "item": evaluation.item_id.name or "",
                "department": evaluation.department_id.name or "",
                "author": self.env._("Anonymous")
                if evaluation.anonymous or not evaluation.evaluator_name
                else gov_tools.mask_name(evaluation.evaluator_name),
                "comment": gov_tools.mask_text(
                    evaluation.comment, [evaluation.evaluator_name]
                ),
            }
            for evaluation in evaluations
        ]
        return values

    @api.model
    def _rectifications_values(self, params):
        """Closed work orders with what was done and the department's reply, typical
        cases first; then published complaint results, assessments, suggestions."""
        region, department, page = self._parse_filters(params)
        scope = []
        if department:
            scope.append(("department_id", "child_of", department.id))
        domain = scope + [("step", "=", "closed"), ("result", "in", PUBLIC_RESULTS)]
        if region:
            domain.append(("region_id", "child_of", region.id))
        Order = self.env["gov.rectify.order"].sudo()
        total = self._bounded_count(Order, domain, page)
        orders = Order.search(
            domain,
            order="publish_typical desc, date_closed desc, id desc",
            offset=(page - 1) * PAGE_SIZE,
            limit=PAGE_SIZE,
        )
        labels = {
            name: dict(model._fields[name]._description_selection(self.env))
            for model, name in (
                (Order, "rectify_kind"),
                (Order, "source"),
                (self.env["gov.evaluation"], "level"),
            )
        }
        values = self._page_values(
            region, department, page, total, self._parse_search(params)
        )
        values["rows"] = [self._rectification_row(order, labels) for order in orders]
        values.update(self._published_sections(scope))
        return values

    def _rectification_row(self, order, labels):
        evaluation = order.evaluation_id
        # The citizen's own words only from a valid rating whose author allowed it.
        consented = (
            evaluation.validity == "valid"
            and evaluation.publish_comment
            and evaluation.comment
        )
        names = (evaluation.evaluator_name, order.citizen_name)
        return {
            "number": order.name,
            "typical": order.publish_typical,
            "date_closed": self.env.company._gov_local_date(order.date_closed),
            "source": labels["source"][order.source],
            "level": labels["level"].get(evaluation.level, ""),
            "department": order.department_id.name or "",
            "item": order.item_id.name or "",
            "comment": gov_tools.mask_text(evaluation.comment, names)
            if consented
            else "",
            "rectify_kind": labels["rectify_kind"].get(order.rectify_kind, ""),
            "reply": gov_tools.mask_text(order.reply_text, names),
        }

    def _published_sections(self, scope):
        """The latest published complaint results, assessments and suggestions of
        the chosen department (``scope``): never who filed or wrote them."""
        published = scope + [("is_published", "=", True)]
        complaints = (
            self.env["gov.complaint"]
            .sudo()
            .search(published, order="date_published desc, id desc", limit=SECTION_SIZE)
        )
        assessments = (
            self.env["gov.assessment"].sudo().search(published, limit=SECTION_SIZE)
        )
        suggestions = (
            self.env["gov.suggestion"].sudo().search(published, limit=SECTION_SIZE)
        )
        objects = dict(
            assessments._fields["object_type"]._description_selection(self.env)
        )
        return {
            "complaints": [
                {
                    "subject": gov_tools.mask_text(
                        complaint.name, [complaint.contact_name]
                    ),
                    "department": complaint.department_id.name or "",
                    "date": self.env.company._gov_local_date(complaint.date_published),
                    "result": gov_tools.mask_text(
                        complaint.published_result, [complaint.contact_name]
                    ),
                }
                for complaint in complaints
            ],
            "assessments": [
                {
                    "assessor": assessment.assessor,
                    "object": assessment.object_name or "",
                    "object_type": objects[assessment.object_type],
                    "date_from": assessment.date_from,
                    "date_to": assessment.date_to,
                    "score": assessment.score,
                    "findings": gov_tools.mask_text(assessment.findings),
                }
                for assessment in assessments
            ],
            "suggestions": [
                {
                    "subject": gov_tools.mask_text(
                        suggestion.subject, [suggestion.contact_name]
                    ),
                    "department": suggestion.department_id.name or "",
                    "date": suggestion.date_received,
                    "content": gov_tools.mask_text(
                        suggestion.content, [suggestion.contact_name]
                    ),
                    "answer": gov_tools.mask_text(
                        suggestion.handling_note, [suggestion.contact_name]
                    ),
                }
                for suggestion in suggestions
            ],
        }

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
            raise GovPublicError("该期排名未公开 / This ranking is not published.")
        kinds = dict(KIND_LABELS)
        kind = params.get("kind") or "department"
        if kind not in kinds:
            raise GovPublicError("排名类别无效 / Unknown kind of ranking.")
        domain = [("period_id", "=", period.id), ("kind", "=", kind)]
        if department:
            domain.append(("department_id", "child_of", department.id))
        if region:
            domain.append(("region_id", "child_of", region.id))
        Line = self.env["gov.publish.line"].sudo()
        total = self._bounded_count(Line, domain, page) if period else 0
        lines = (
            # One period and kind: by rank, not through the period's order.
            Line.search(
                domain, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE, order="rank, id"
            )
            if period
            else Line
        )
        labels = dict(Line._fields["kind"]._description_selection(self.env))
        values = self._page_values(
            region, department, page, total, self._parse_search(params)
        )
        values.update(
            periods=[{"id": p.id, "name": p.name} for p in periods],
            period=period
            and {
                "id": period.id,
                "name": period.name,
                "date_start": period.date_start,
                "date_end": period.date_end,
                "published_date": period.published_date
                and self.env.company._gov_local_date(period.published_date),
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
                    "order_count": line.order_count,
                    "rectified_rate": line.rectified_rate,
                    "on_time_rate": line.on_time_rate,
                    "visit_rate": line.visit_rate,
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
            raise GovPublicError(
                "该期排名未公开 / This ranking is not published.", status=404
            )
        return period._gov_verify()
