{
    "name": "Government Service Rating",
    "summary": "好差评: rate government services by QR code, case link, SMS or device",
    "version": "18.0.1.0.0",
    "category": "Services/Government Rating",
    "license": "LGPL-3",
    "author": "Government Service Rating Team",
    "depends": ["mail", "hr", "website"],
    "data": [],
    "installable": True,
    "application": True,
}
