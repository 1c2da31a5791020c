from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPhoneSmoke(HttpCase):
    """The public website opens in headless Chromium at a phone's size."""

    browser_size = "390x844"
    touch_enabled = True

    def test_home_page_renders_on_a_phone(self):
        code = """
            const width = window.innerWidth;
            const main = document.querySelector('main, #wrapwrap');
            if (width !== 390) {
                console.error(`viewport is ${width}px wide, not 390px`);
            } else if (!main || main.getBoundingClientRect().height < 200) {
                console.error('the home page did not render');
            } else {
                console.log('test successful');
            }
        """
        self.browser_js("/", code, ready="document.readyState === 'complete'")
