from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.gov_rating.controllers.public_channel import checked_form
from odoo.addons.portal.controllers.portal import CustomerPortal, pager

from .public_form import form_post_route, form_values, read_files

REPORTS_PER_PAGE = 20


class GovMonitorPortal(CustomerPortal):
    """Monitoring reports of the appointed monitors, in their portal."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "monitor_report_count" in counters:
            Report = request.env["gov.monitor.report"]
            values["monitor_report_count"] = (
                Report.search_count([]) if Report.has_access("read") else 0
            )
        return values

    def _monitor_form(self, values=None, error=None, status=200):
        return request.render(
            "gov_supervision.portal_monitor_report_new",
            {
                "page_name": "monitor_report_new",
                "form": values or {},
                "error": error,
                "departments": request.env["hr.department"]._gov_public_units(),
                "today": request.env.company._gov_today().isoformat(),
            },
            status=status,
        )

    @http.route(
        ["/my/monitor-reports", "/my/monitor-reports/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_my_monitor_reports(self, page=1, **kwargs):
        Report = request.env["gov.monitor.report"]
        if not Report.has_access("read"):
            return request.redirect("/my")
        total = Report.search_count([])
        page_pager = pager(
            url="/my/monitor-reports", total=total, page=page, step=REPORTS_PER_PAGE
        )
        # Searched as the monitor (their own reports), shown with the unit's name.
        reports = Report.search(
            [], limit=REPORTS_PER_PAGE, offset=page_pager["offset"]
        ).sudo()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "monitor_report",
                "reports": reports,
                "pager": page_pager,
                "is_monitor": bool(
                    request.env["gov.monitor"]._of_user(request.env.user)
                ),
            }
        )
        return request.render("gov_supervision.portal_my_monitor_reports", values)

    @http.route(
        "/my/monitor-reports/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_monitor_report_new(self, **kwargs):
        if not request.env["gov.monitor"]._of_user(request.env.user):
            return request.redirect("/my")
        return self._monitor_form()

    @form_post_route("/my/monitor-reports/new", "user", files=True)
    def portal_monitor_report_submit(self, **post):
        values = form_values(post, ("department_id", "problem", "date"))

        def submit():
            try:
                report = request.env["gov.monitor.report"]._portal_submit(
                    values, read_files("attachments")
                )
            except AccessError as error:
                return self._monitor_form(values, error.args[0], 403)
            return request.redirect(report.access_url)

        return checked_form(
            post,
            submit,
            lambda error, status: self._monitor_form(values, error, status),
        )

    @http.route(
        "/my/monitor-reports/<int:report_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_monitor_report(self, report_id, **kwargs):
        try:
            report_sudo = self._document_check_access("gov.monitor.report", report_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "monitor_report", "report": report_sudo})
        return request.render("gov_supervision.portal_monitor_report", values)
