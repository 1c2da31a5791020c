from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestComplaintPhone(HttpCase):
    """The complaint form on a phone: it fits the screen, a citizen fills it in,
    attaches a PDF, submits it and reads the tracking code."""

    browser_size = "390x844"
    touch_enabled = True

    def test_file_a_complaint_on_a_phone(self):
        department = self.env["hr.department"].create(
            {"name": "手机测试局", "gov_public_service": True}
        )
        code = """
            const form = document.querySelector('form.o_gov_complaint_form');
            const fail = (message) => console.error(message);
            if (window.innerWidth !== 390) {
                fail(`viewport is ${window.innerWidth}px wide, not 390px`);
            } else if (document.documentElement.scrollWidth > window.innerWidth) {
                fail('the complaint page is wider than the phone screen');
            } else {
                const button = form.querySelector('button[type=submit]');
                if (button.getBoundingClientRect().width < 300) {
                    fail('the submit button is not full width on a phone');
                }
                form.querySelector('#subject').value = '手机端投诉测试';
                form.querySelector('#department_id').value = 'DEPARTMENT_ID';
                form.querySelector('#description').value =
                    '在手机上提交投诉，附上一份PDF材料作为证据。';
                form.querySelector('#contact_name').value = '赵丽';
                form.querySelector('#contact_phone').value = '13800138000';
                const files = new DataTransfer();
                files.items.add(new File(['%PDF-1.4\\n%%EOF\\n'], 'evidence.pdf',
                    {type: 'application/pdf'}));
                form.querySelector('#attachments').files = files.files;
                // The receipt opens in a frame of the page so that the test reads it.
                const frame = document.createElement('iframe');
                frame.name = 'receipt';
                frame.style.width = '100%';
                document.body.appendChild(frame);
                form.target = 'receipt';
                frame.addEventListener('load', () => {
                    const receipt = frame.contentDocument;
                    if (!receipt.location.pathname.endsWith('/gov/complaint/submit')) {
                        return;
                    }
                    const shown = receipt.querySelector('.o_gov_complaint_code');
                    if (shown && /^[A-Z0-9]{12}$/.test(shown.textContent.trim())) {
                        console.log('test successful');
                    } else {
                        fail('no tracking code on the receipt: '
                            + receipt.body.innerText.slice(0, 300));
                    }
                });
                button.click();
            }
        """.replace("DEPARTMENT_ID", str(department.id))
        self.browser_js(
            "/gov/complaint", code, ready="document.readyState === 'complete'"
        )
        complaint = self.env["gov.complaint"].search([("name", "=", "手机端投诉测试")])
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.order_id.department_id, department)
        self.assertEqual(
            self.env["ir.attachment"]
            .search(
                [
                    ("res_model", "=", "gov.rectify.order"),
                    ("res_id", "=", complaint.order_id.id),
                ]
            )
            .mapped("mimetype"),
            ["application/pdf"],
        )
