{
    "name": "Government Service Rating: Bad-review Work Orders",
    "summary": "Bad reviews become work orders: verify, rectify, reply, follow up",
    "version": "18.0.1.0.0",
    "category": "Services/Government Rating",
    "license": "LGPL-3",
    "author": "Government Service Rating Team",
    "depends": ["gov_rating"],
    "data": [],
    "installable": True,
}
