from odoo.tests import HttpCase, JsonRpcException, tagged
from odoo.tools import mute_logger

from .policy import OPERATIONS, ORM_METHODS, OUR_MODULES, ROLES, read_policy

QUIET = (
    "odoo.http",
    # A refused unlink of a record others point at fails in PostgreSQL.
    "odoo.sql_db",
    "odoo.models",
    "odoo.addons.base.models.ir_model",
    "odoo.addons.base.models.ir_rule",
)


@tagged("post_install", "-at_install")
class TestAccessPolicy(HttpCase):
    """Every role tries every operation on every model of ours, and every public
    method of them, over JSON-RPC as its demo user (or as a visitor without an
    account); the outcome is the one the policy kept as data says. A model or a
    public method without a policy row fails the test, with the row observed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.models = cls._our_models()
        cls.samples = {
            name: cls.env[name]
            .sudo()
            .with_context(active_test=False)
            .search([], limit=1, order="id")
            for name in cls.models
        }

    @classmethod
    def _our_models(cls):
        names = cls.env["ir.model"].search([]).mapped("model")
        return sorted(
            name
            for name in names
            if name in cls.env
            and cls.env[name]._original_module in OUR_MODULES
            and not cls.env[name]._abstract
        )

    def _public_methods(self, name):
        cls = type(self.env[name])
        methods = {}
        for attr_name in dir(cls):
            if attr_name.startswith("_") or attr_name in ORM_METHODS:
                continue
            attr = getattr(cls, attr_name, None)
            if not callable(attr) or isinstance(attr, type):
                continue
            if not (getattr(attr, "__module__", "") or "").startswith(
                "odoo.addons.gov_"
            ):
                continue
            if getattr(attr, "_api_private", False):
                continue
            methods[attr_name] = getattr(attr, "_api", None) == "model"
        return methods

    def _login(self, role):
        if role == "public":
            self.authenticate(None, None)
        else:
            self.authenticate(role, role)

    def _call(self, model, method, args, kwargs=None):
        """The error name of the call, None when it went through; undone either way."""
        self.env.flush_all()
        savepoint = self.env.cr.savepoint(flush=False)
        try:
            self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{model}/{method}",
                {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs or {},
                },
            )
            error = None
        except JsonRpcException as exc:
            error = exc.args[0] if exc.args else "error"
        finally:
            savepoint.close()
        self.env.invalidate_all()
        return error

    def _try_operation(self, model, operation):
        sample = self.samples[model]
        if operation == "read":
            return self._call(
                model, "search_read", [[]], {"fields": ["id"], "limit": 1}
            )
        if operation == "create" or not sample:
            return self._call(model, "check_access", [[], operation])
        if operation == "write":
            return self._call(model, "write", [sample.ids, {}])
        return self._call(model, "unlink", [sample.ids])

    def test_every_role_every_model_every_operation(self):
        policy = read_policy("access_policy.csv")
        observed = {model: {} for model in self.models}
        with mute_logger(*QUIET):
            for role in ROLES:
                self._login(role)
                for model in self.models:
                    observed[model][role] = (
                        "".join(
                            letter
                            for letter, operation in OPERATIONS.items()
                            if self._try_operation(model, operation) is None
                        )
                        or "-"
                    )
        self._compare(policy, observed, "model")

    def test_every_role_every_public_method(self):
        policy = read_policy("access_policy_methods.csv")
        observed = {}
        with mute_logger(*QUIET):
            for role in ROLES:
                self._login(role)
                for model in self.models:
                    sample = self.samples[model]
                    for method, is_model in self._public_methods(model).items():
                        args = [] if is_model else [sample.ids]
                        error = self._call(model, method, args)
                        refused = bool(error) and (
                            "AccessError" in error or "SessionExpired" in error
                        )
                        observed.setdefault(f"{model}.{method}", {})[role] = (
                            "no" if refused else "yes"
                        )
        self._compare(policy, observed, "model,method")

    def _compare(self, policy, observed, key_header):
        wrong = []
        for key, cells in sorted(observed.items()):
            expected = policy.get(key)
            if expected != cells:
                key_cells = key if "," not in key_header else key.rsplit(".", 1)
                key_text = (
                    key_cells if isinstance(key_cells, str) else ",".join(key_cells)
                )
                wrong.append(
                    f"{key_text},{','.join(cells[role] for role in ROLES)}"
                    + ("" if expected else "  <- no policy row")
                )
        stale = sorted(set(policy) - set(observed))
        self.assertFalse(
            wrong or stale,
            "The access policy and what the roles can do differ. Observed rows "
            f"({key_header},{','.join(ROLES)}):\n"
            + "\n".join(wrong)
            + (
                "\nRows of models or methods that no longer exist: " + ", ".join(stale)
                if stale
                else ""
            ),
        )
