"""Operations for the diagnostics rules' differential tests (test/rules/)."""
import types

from fastapi.routing import APIRoute


def rules_exec_module(case):
    """Runs a generated module's source; the framework's exception (if any) is the answer."""
    module = types.ModuleType(case.get("name", "generated"))
    exec(compile(case["source"], case.get("name", "generated") + ".py", "exec"), module.__dict__)
    return "ok"


def rules_description(case):
    """The OpenAPI description FastAPI derives from an endpoint whose __doc__ is case["doc"]."""

    def endpoint():
        return None

    endpoint.__doc__ = case["doc"]
    return APIRoute("/x", endpoint, description=case.get("description")).description


OPS = {"rules_exec_module": rules_exec_module, "rules_description": rules_description}
