/** @odoo-module **/
import {registry} from "@web/core/registry";

function checkFitsThePhone() {
    const width = window.innerWidth;
    if (width !== 390) {
        throw new Error(`viewport is ${width}px wide, not 390px`);
    }
    if (document.documentElement.scrollWidth > width) {
        throw new Error("the page scrolls sideways on a phone");
    }
}

registry.category("web_tour.tours").add("gov_roster_rate", {
    steps: () => [
        {
            content: "The roster fits the phone",
            trigger: ".o_gov_roster_card:contains(张三)",
            run: checkFitsThePhone,
        },
        {
            content: "Rate 张三",
            trigger: ".o_gov_roster_card:contains(张三) .o_gov_roster_rate",
            run: "click",
        },
        {
            content: "The form fits the phone",
            trigger: ".o_gov_roster_form",
            run: checkFitsThePhone,
        },
        {trigger: "label[for=attitude_5]", run: "click"},
        {trigger: "label[for=efficiency_4]", run: "click"},
        {trigger: "label[for=conduct_2]", run: "click"},
        {trigger: "textarea[name=reason]", run: "edit 窗口推诿，办事拖延"},
        {
            content: "Submit",
            trigger: ".o_gov_roster_submit",
            run: "click",
        },
        {content: "Thanked", trigger: ".o_gov_roster_thanks"},
    ],
});
