{
    "name": "Government Service Rating: Publication",
    "summary": "Public results, frozen periodic rankings, exports, exchange",
    "version": "18.0.1.0.0",
    "category": "Services/Government Rating",
    "license": "LGPL-3",
    "author": "Government Service Rating Team",
    "depends": ["gov_rectify"],
    "data": [],
    "installable": True,
}
