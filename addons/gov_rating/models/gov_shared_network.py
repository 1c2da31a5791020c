import ipaddress

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

# An IPv6 subscriber gets a whole /64: its addresses count as one source.
IPV6_PREFIX = 64


class GovSharedNetwork(models.Model):
    """An address range a manager marks as a hall's shared network (the hall's Wi-Fi,
    the NAT of its terminals): many honest citizens rate from it, so it gets the
    hall-sized rate limit and its bursts are not read as one person's."""

    _name = "gov.shared.network"
    _description = "Shared Network of a Hall"
    _order = "hall_id, network"

    network = fields.Char(
        required=True,
        help="An address or a range in CIDR notation, e.g. 202.96.1.0/28 or "
        "240e:1::/48.",
    )
    hall_id = fields.Many2one("gov.hall", required=True, ondelete="cascade")
    active = fields.Boolean(default=True)

    @api.constrains("network")
    def _check_network(self):
        for record in self:
            try:
                ipaddress.ip_network(record.network.strip(), strict=False)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "%(network)s is not an address or a CIDR range.",
                        network=record.network,
                    )
                ) from error

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    @tools.ormcache()
    def _networks(self):
        return [
            (record.id, ipaddress.ip_network(record.network.strip(), strict=False))
            for record in self.sudo().search([])
        ]

    @api.model
    def _source_of(self, address):
        """(kind, value) a submission from ``address`` is counted under: the
        shared network of a hall, the /64 of an IPv6 address, or the address."""
        try:
            ip = ipaddress.ip_address((address or "").strip())
        except ValueError:
            return "ip", address or False
        for record_id, network in self._networks():
            if ip.version == network.version and ip in network:
                return "shared_network", str(record_id)
        if ip.version == 6:
            return "ip", str(ipaddress.ip_network(f"{ip}/{IPV6_PREFIX}", strict=False))
        return "ip", str(ip)
