{
    "name": "Government Service Rating: Cross-module and Browser Tests",
    "summary": "Cross-module tests and phone-size browser tests",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "license": "LGPL-3",
    "author": "Government Service Rating Team",
    "depends": ["gov_publish"],
    "data": [],
    "assets": {
        "web.assets_tests": ["gov_e2e/static/tests/tours/*.js"],
    },
    "installable": True,
}
