/** @odoo-module **/
/* Each role's main task in the back office, as its demo user. Steps select by
 * field and button names, menu xml ids and data attributes, not by labels. */
import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");
// The top dialog (a confirmation opens over a wizard).
const DIALOG = ".o_dialog:not(.o_inactive_modal)";
// A 1×1 PNG: the scan of the paper form.
const PNG =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

function app() {
    return [
        {
            content: "open the Government Rating app",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            trigger: ".dropdown-menu [data-menu-xmlid='gov_rating.menu_gov_root']",
            run: "click",
        },
    ];
}

function menu(section, item) {
    return [
        {
            content: `open the menu ${section}`,
            trigger: `.o_main_navbar [data-menu-xmlid='${section}']`,
            run: "click",
        },
        {
            content: `open ${item}`,
            trigger: `.dropdown-menu [data-menu-xmlid='${item}']`,
            run: "click",
        },
    ];
}

// Type a value and leave the field: inputs commit their value on change.
function editAndLeave(value) {
    return async function (actions) {
        await actions.edit(value);
        this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
    };
}

// The name of the twelfth month from this one (YYYY-MM), this month being the
// centre's (Beijing time), not the browser's.
function lastOfTwelveMonths() {
    const [year, month] = new Intl.DateTimeFormat("en-CA", {
        timeZone: "Asia/Shanghai",
        year: "numeric",
        month: "2-digit",
    })
        .format(new Date())
        .split("-")
        .map(Number);
    const last = new Date(Date.UTC(year, month - 1 + 11, 1));
    return `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, "0")}`;
}

tours.add("gov_clerk_paper_form", {
    steps: () => [
        {content: "the clerk's home: figures and rank", trigger: ".o_gov_my_figures .o_gov_my_rank"},
        {trigger: "button.o_gov_enter_paper", run: "click"},
        {trigger: `${DIALOG} div[name=case_number] input`, run: "edit TOUR-PAPER-1"},
        {trigger: `${DIALOG} div[name=level] input[data-value='4']`, run: "click"},
        {
            content: "the case is found and its staff member chosen",
            trigger: `${DIALOG} div[name=case_summary]:not(:empty)`,
        },
        {
            content: "attach the scan of the form",
            trigger: `${DIALOG} div[name=scan]`,
            async run() {
                const input = this.anchor.querySelector("input[type=file]");
                const bytes = Uint8Array.from(atob(PNG), (c) => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], "form.png", {type: "image/png"}));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {content: "the scan is attached", trigger: `${DIALOG} div[name=scan] .o_clear_file_button`},
        {trigger: `${DIALOG} button[name=action_confirm]`, run: "click"},
        {content: "the form is saved", trigger: "body:not(:has(.modal))"},
        {
            content: "the clerk sees their rank in the hall this month",
            trigger: ".o_gov_my_rank .o_gov_rank_value",
            run() {
                const rank = parseInt(this.anchor.textContent, 10);
                if (!(rank >= 1)) {
                    throw new Error(`the clerk has no rank: ${this.anchor.textContent}`);
                }
            },
        },
    ],
});

tours.add("gov_handler_order", {
    steps: () => [
        {trigger: ".o_notebook a.nav-link[name=rectify]", run: "click"},
        {trigger: "div[name=contact_note] textarea", run: "edit 已电话联系群众，说明补正要求"},
        {trigger: "button[name=action_next_step]", run: "click"},
        {content: "at the rectification", trigger: "div[name=rectify_kind] select"},
        {trigger: "div[name=rectify_kind] select", run: 'select "immediate"'},
        {trigger: "div[name=rectify_note] textarea", run: "edit 当场一次性告知并补正"},
        {trigger: "button[name=action_next_step]", run: "click"},
        {trigger: ".o_notebook a.nav-link[name=reply]", run: "click"},
        {content: "inside the optional leader step", trigger: "div[name=leader_instruction] textarea"},
        {trigger: "button[name=action_skip_step]", run: "click"},
        {content: "at the reply", trigger: "div[name=reply_text] textarea"},
        {trigger: "div[name=reply_text] textarea", run: "edit 已一次性告知所需材料，窗口已整改"},
        {trigger: "button[name=action_next_step]", run: "click"},
        {content: "the reply is sent", trigger: "div[name=reply_text]:not(:has(textarea))"},
    ],
});

tours.add("gov_reviewer_appeal", {
    steps: () => [
        {content: "the appeals waiting", trigger: ".o_list_view .o_data_row"},
        {trigger: ".o_data_row:first .o_data_cell", run: "click"},
        {trigger: "button[name=action_appeal_decide]", run: "click"},
        {trigger: `${DIALOG} div[name=decision] input[data-value=upheld]`, run: "click"},
        {trigger: `${DIALOG} div[name=reason] textarea`, run: "edit 录音显示窗口已一次性告知，系误评"},
        {trigger: `${DIALOG} button[name=action_apply]`, run: "click"},
        {content: "confirm the decision", trigger: `${DIALOG} .modal-body p.text-prewrap`},
        {trigger: `${DIALOG} .modal-footer .btn-primary`, run: "click"},
        {content: "decided", trigger: "body:not(:has(.modal)) .o_form_view"},
    ],
});

tours.add("gov_supervisor_cluster_publish", {
    steps: () => [
        {content: "the review queue", trigger: ".o_list_view .o_data_row"},
        {content: "and the overdue work orders", trigger: ".o_control_panel button.o_gov_overdue_orders", run: "click"},
        {content: "the overdue orders", trigger: ".o_list_view .o_data_row.text-danger"},
        ...app(),
        ...menu("gov_rating.menu_gov_ratings", "gov_rating.menu_gov_fraud_cluster"),
        {
            trigger: ".o_data_row:has(.o_data_cell[name=member_count]:contains(3)) .o_data_cell[name=name]",
            run: "click",
        },
        {trigger: ".o_form_view button[name=action_open_review]", run: "click"},
        {trigger: `${DIALOG} div[name=reason] textarea`, run: "edit 同一地址五分钟内连续好评"},
        {trigger: `${DIALOG} button[name=action_apply]`, run: "click"},
        {content: "the cluster is decided", trigger: "body:not(:has(.modal)) .o_form_view"},
        ...menu("gov_publish.menu_gov_publication", "gov_publish.menu_gov_publish_period"),
        {trigger: ".o_data_row:contains(TOUR-THIS-MONTH) .o_data_cell", run: "click"},
        {trigger: "button[name=action_publish]", run: "click"},
        {content: "published", trigger: "button[name=action_verify]"},
    ],
});

tours.add("gov_manager_settings_survey_periods", {
    steps: () => [
        {content: "the manager's home: the dashboard", trigger: ".o_action_manager .o_action"},
        ...app(),
        ...menu("gov_rating.menu_gov_config", "gov_rating.menu_gov_settings"),
        {
            content: "change a gov setting",
            trigger: ".o-settings-form-view div[name=gov_supplementary_days] input",
            run: editAndLeave("9"),
        },
        {content: "the change is pending", trigger: ".o-settings-form-view .o_dirty_warning"},
        {
            content: "save: the page reloads (the mark on the body is gone after it)",
            trigger: ".o-settings-form-view .o_form_button_save",
            async run(actions) {
                document.body.classList.add("o_gov_before_reload");
                await actions.click();
            },
        },
        {
            content: "the saved value is shown again after the reload",
            trigger:
                "body:not(.o_gov_before_reload) .o-settings-form-view:not(:has(.o_dirty_warning)) div[name=gov_supplementary_days] input",
            run() {
                if (this.anchor.value !== "9") {
                    throw new Error(`the setting shows ${this.anchor.value} after saving 9`);
                }
            },
        },
        ...menu("gov_rating.menu_gov_config", "gov_rating.menu_gov_survey"),
        {trigger: ".o_control_panel .o-kanban-button-new", run: "click"},
        {trigger: ".o_form_view div[name=title] textarea", run: "edit 窗口服务回访问卷"},
        {
            content: "add a question",
            trigger: "div[name=question_and_page_ids] td.o_field_x2many_list_row_add a:first",
            run: "click",
        },
        {trigger: `${DIALOG} div[name=title] input`, run: "edit 您对办理结果满意吗？"},
        {trigger: `${DIALOG} div[name=question_type] input[data-value=text_box]`, run: "click"},
        {trigger: `${DIALOG} .o_form_button_save`, run: "click"},
        {
            content: "the question is in the questionnaire",
            trigger:
                "body:not(:has(.modal)) div[name=question_and_page_ids] .o_data_row:contains(您对办理结果满意吗)",
        },
        {
            // Survey saves the questionnaire with its question: nothing is left to
            // save, the save button is hidden (waiting for it to click times out).
            content: "the questionnaire is saved with its question",
            trigger:
                "body:has(.o_form_status_indicator:not(.o_form_status_indicator_new_record) .o_form_status_indicator_buttons.invisible) .o_breadcrumb .breadcrumb-item:first a",
        },
        {content: "back to the questionnaires", trigger: ".o_breadcrumb .breadcrumb-item:first a", run: "click"},
        {
            content: "the questionnaire is listed",
            trigger: ".o_kanban_record:contains(窗口服务回访问卷)",
        },
        ...menu("gov_rating.menu_gov_config", "gov_publish.menu_gov_date_range_generator"),
        // The count first: the OCA wizard logs an error while it previews names
        // of a form that has a type but neither a count nor an end.
        {trigger: `${DIALOG} div[name=count] input`, run: editAndLeave("12")},
        // Chosen from the list the field opens with (typing starts one search per
        // letter, whose late answers reopen the list over the form).
        {trigger: `${DIALOG} div[name=type_id] input`, run: "click"},
        {trigger: ".o-autocomplete--dropdown-item a:contains(Month)", run: "click"},
        {
            content: "the type is chosen: its start date and first name are proposed",
            trigger: `${DIALOG}:not(:has(.o-autocomplete--dropdown-menu)) div[name=range_name_preview]:contains(-)`,
        },
        {trigger: `${DIALOG} button[name=action_apply]`, run: "click"},
        {
            // From the proposed start, the month after the last period: this month.
            content: "the periods are listed, the twelfth month included",
            trigger: `body:not(:has(.modal)) .o_list_view .o_data_row .o_data_cell:contains(${lastOfTwelveMonths()})`,
        },
    ],
});

tours.add("gov_manager_approves_period", {
    steps: () => [
        ...app(),
        ...menu("gov_publish.menu_gov_publication", "gov_publish.menu_gov_publish_period"),
        {trigger: ".o_data_row:contains(TOUR-THIS-MONTH) .o_data_cell", run: "click"},
        {trigger: ".o_form_view button[name=validate_tier]", run: "click"},
        {content: "approved: ready to publish", trigger: ".o_form_view button[name=action_publish]"},
    ],
});
