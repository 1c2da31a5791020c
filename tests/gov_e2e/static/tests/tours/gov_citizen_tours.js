/** @odoo-module **/
// A citizen's pages on a 390×844 phone, as an anonymous visitor: each step checks
// what the citizen sees (nothing wider than the screen, only the tags of the
// chosen level, the handling of a bad review, the pager, the complaint desk).
import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

function checkFitsThePhone() {
    const width = window.innerWidth;
    if (width !== 390) {
        throw new Error(`viewport is ${width}px wide, not 390px`);
    }
    if (document.documentElement.scrollWidth > width) {
        throw new Error("the page scrolls sideways on a phone");
    }
}

function checkTagsOfLevel(level) {
    const labels = [...document.querySelectorAll(".tags label")];
    const shown = labels.filter((label) => !label.hidden && label.offsetParent);
    if (!shown.length) {
        throw new Error(`no tag shows for level ${level}`);
    }
    for (const label of shown) {
        if (!label.dataset.levels.split(" ").includes(level)) {
            throw new Error(`the tag "${label.textContent}" shows for level ${level}`);
        }
    }
}

function checkNoTagBeforeALevel() {
    const tags = document.querySelector(".tags");
    if (tags && tags.offsetParent) {
        throw new Error("tags show before a level is chosen");
    }
}

function checkLargeTextOnTop() {
    const toggle = document.getElementById("gov_large");
    const form = document.querySelector("main form");
    if (toggle.getBoundingClientRect().top > form.getBoundingClientRect().top) {
        throw new Error("the large-text switch is below the top of the form");
    }
    toggle.click();
    if (!document.body.classList.contains("large")) {
        throw new Error("the large-text switch does not enlarge the text");
    }
    toggle.click();
}

function rateBadly(level, comment) {
    return [
        {
            content: "The rating page fits the phone, the large-text switch on top",
            trigger: "main form .levels",
            run() {
                checkFitsThePhone();
                checkLargeTextOnTop();
                checkNoTagBeforeALevel();
            },
        },
        {
            content: `Choose level ${level}`,
            trigger: `.levels label:has(input[value='${level}'])`,
            run: "click",
        },
        {
            content: "Only the tags of that level show",
            trigger: ".tags label:not([hidden])",
            run: () => checkTagsOfLevel(level),
        },
        {trigger: ".tags label:not([hidden])", run: "click"},
        {trigger: "textarea[name=comment]", run: `edit ${comment}`},
        {content: "Submit", trigger: "main form button[type=submit]", run: "click"},
        {
            content: "The thank-you page shows how the bad review is handled",
            trigger: "#gov_handling .steps li",
            run: checkFitsThePhone,
        },
        {
            content: "…and links to the complaint desk",
            trigger: "footer .links a[href='/gov/complaint']",
        },
    ];
}

tours.add("gov_citizen_counter_code", {
    steps: () => rateBadly("1", "等了一个多小时没人接待"),
});

tours.add("gov_citizen_case_link", {
    steps: () => rateBadly("2", "材料被退回三次"),
});

tours.add("gov_citizen_case_link_second", {
    steps: () => [
        {
            content: "The case link shows the handling and the department's reply",
            trigger: "#gov_handling .reply",
            run: checkFitsThePhone,
        },
        {
            content: "The second evaluation is offered",
            trigger: "main form:has(input[name=round][value='2']) .levels",
        },
        {trigger: ".levels label:has(input[value='4'])", run: "click"},
        {
            content: "Only the tags of that level show",
            trigger: ".tags label:not([hidden])",
            run: () => checkTagsOfLevel("4"),
        },
        {content: "Submit", trigger: "main form button[type=submit]", run: "click"},
        {
            content: "Thanked, with no follow-up of a bad review",
            trigger: ".card h1",
            run() {
                checkFitsThePhone();
                if (document.getElementById("gov_handling")) {
                    throw new Error("a good rating shows a bad review's handling");
                }
            },
        },
    ],
});

tours.add("gov_citizen_results", {
    steps: () => [
        {
            content: "The comments fit the phone",
            trigger: ".o_gov_comment",
            run: checkFitsThePhone,
        },
        {
            content: "The website menu leads to the complaint desk",
            trigger: "header#top",
            run() {
                if (!document.querySelector("header#top a[href='/gov/complaint']")) {
                    throw new Error("no complaint desk in the website menu");
                }
            },
        },
        {
            content: "Next page",
            trigger: ".pagination a.page-link[href*='/gov/results/comments/page/2']",
            run: "click",
        },
        {
            content: "The second page of comments",
            trigger: ".pagination .active:contains(2)",
            run() {
                checkFitsThePhone();
                if (!document.querySelector(".o_gov_comment")) {
                    throw new Error("the second page shows no comment");
                }
            },
        },
        {
            content: "Service items",
            trigger: ".nav-pills a[href='/gov/results/items']",
            run: "click",
        },
        {
            content: "An item nobody rated shows no score",
            trigger: ".o_gov_item:has(.o_gov_unrated)",
            run() {
                checkFitsThePhone();
                const item = document.querySelector(".o_gov_item:has(.o_gov_unrated)");
                if (item.querySelector(".o_gov_index")) {
                    throw new Error("an item nobody rated shows a score");
                }
            },
        },
        {
            content: "Rankings",
            trigger: ".nav-pills a[href='/gov/results/rankings']",
            run: "click",
        },
        {
            content: "The rankings fit the phone",
            trigger: ".nav-pills a.active[href='/gov/results/rankings']",
            run: checkFitsThePhone,
        },
        {
            content: "Handling results",
            trigger: ".nav-pills a[href='/gov/results/rectifications']",
            run: "click",
        },
        {
            content: "The handling results fit the phone",
            trigger: ".nav-pills a.active[href='/gov/results/rectifications']",
            run: checkFitsThePhone,
        },
    ],
});

function chooseUnit(name) {
    const select = document.querySelector("#department_id");
    const option = [...select.options].find((o) => o.textContent.includes(name));
    if (!option) {
        throw new Error(`the unit ${name} is not listed`);
    }
    select.value = option.value;
    select.dispatchEvent(new Event("change", {bubbles: true}));
}

tours.add("gov_citizen_complaint", {
    steps: () => [
        {
            content: "The complaint desk fits the phone",
            trigger: "form.o_gov_complaint_form",
            run: checkFitsThePhone,
        },
        {trigger: "#subject", run: "edit 窗口人员态度恶劣"},
        {trigger: "#department_id", run: () => chooseUnit("测试市场监管局")},
        {
            trigger: "#description",
            run: "edit 办理营业执照时窗口人员不耐烦，多次打断我说话。",
        },
        {trigger: "#contact_name", run: "edit 赵丽"},
        {trigger: "#contact_phone", run: "edit 13800138000"},
        {content: "Submit", trigger: "form.o_gov_complaint_form button[type=submit]", run: "click"},
        {
            content: "The receipt shows the tracking code",
            trigger: ".o_gov_complaint_code",
            run: checkFitsThePhone,
        },
        {
            content: "Follow the complaint",
            trigger: "form[action='/gov/complaint/track'] button[type=submit]",
            run: "click",
        },
        {
            content: "Its status, on the phone",
            trigger: ".o_gov_complaint_status .o_gov_complaint_state",
            run: checkFitsThePhone,
        },
    ],
});
