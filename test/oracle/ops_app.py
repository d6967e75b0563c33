"""Oracle ops for whole apps: import a fixture/example app and dump its real route tree.

dump_app:     {"dir": ABS_DIR, "app": "module.path:var"} -> {"app_class", "redirect_slashes",
              "routes": [...match order, nested...], "openapi": [...] | None, "openapi_warnings": [...]}
import_error: {"dir": ABS_DIR, "module": "module.path"} -> {"raised": False} or
              {"raised": True, "type", "message", "file", "line"} (innermost frame inside dir)

Each case runs in a clean import state: sys.path starts with the fixture dir, the cwd is the
fixture dir (as under `uvicorn` run from there), and afterwards every module loaded from the
dir is dropped from sys.modules and Starlette's global convertor table is restored, so
fixtures sharing module names ("main", "app") do not leak into each other within one batch.
"""
import contextlib
import importlib
import inspect
import os
import re
import sys
import traceback
import warnings

from starlette import convertors as starlette_convertors
from starlette.routing import Host, Mount, Router, WebSocketRoute

DEF_LINE = re.compile(r"^\s*(async\s+def|def|class)\s")


def _under(path, root):
    if not path:
        return False
    path = os.path.realpath(path)
    return path == root or path.startswith(root + os.sep)


@contextlib.contextmanager
def _isolated(directory):
    root = os.path.realpath(directory)
    saved_path = list(sys.path)
    saved_modules = set(sys.modules)
    saved_convertors = dict(starlette_convertors.CONVERTOR_TYPES)
    saved_cwd = os.getcwd()
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [root] + [p for p in saved_path if p not in ("", saved_cwd, here)]
    os.chdir(root)
    importlib.invalidate_caches()
    try:
        yield root
    finally:
        os.chdir(saved_cwd)
        sys.path[:] = saved_path
        for name in list(sys.modules):
            if name in saved_modules:
                continue
            module = sys.modules[name]
            files = [getattr(module, "__file__", None)] + list(getattr(module, "__path__", None) or [])
            if any(_under(f, root) for f in files):
                del sys.modules[name]
        starlette_convertors.CONVERTOR_TYPES.clear()
        starlette_convertors.CONVERTOR_TYPES.update(saved_convertors)


def _load(app_ref):
    module_name, _, attr = app_ref.partition(":")
    value = importlib.import_module(module_name)
    for part in attr.split("."):
        value = getattr(value, part)
    return value


def _source(obj, root):
    """File (relative to root) and lines of a function/class: `line` is what Python reports
    (co_firstlineno / inspect: the FIRST DECORATOR's line for a decorated def), `def_line`
    the line of the `def`/`class` keyword itself."""
    target = inspect.unwrap(obj) if callable(obj) else obj
    if not (inspect.isfunction(target) or inspect.isclass(target) or inspect.ismethod(target)):
        target = type(target)
    try:
        file = inspect.getsourcefile(target)
        lines, line = inspect.getsourcelines(target)
    except (TypeError, OSError):
        return {"file": None, "line": None, "def_line": None}
    def_line = line
    for offset, text in enumerate(lines):
        if DEF_LINE.match(text):
            def_line = line + offset
            break
    rel = os.path.relpath(os.path.realpath(file), root) if _under(file, root) else None
    return {"file": rel.replace(os.sep, "/") if rel else None, "line": line, "def_line": def_line}


def _endpoint(endpoint, root):
    if endpoint is None:
        return None
    name = getattr(endpoint, "__name__", type(endpoint).__name__)
    return {"name": name, **_source(endpoint, root)}


def _routes_of(app):
    """The routes a mounted app exposes, or None for an opaque ASGI app."""
    if isinstance(app, Router):
        return app.routes
    router = getattr(app, "router", None)
    if isinstance(router, Router):
        return app.routes
    return None


def _redirect_slashes(app):
    router = app if isinstance(app, Router) else getattr(app, "router", None)
    return getattr(router, "redirect_slashes", None)


def _walk(routes, prefix, root):
    out = []
    for route in routes:
        entry = {"class": type(route).__name__}
        if isinstance(route, Mount):
            full = prefix + route.path
            entry.update(kind="mount", path=route.path, full_path=full, path_format=route.path_format, name=route.name)
            entry.update(params=list(route.param_convertors))
            inner = _routes_of(route.app)
            entry["app_class"] = type(route.app).__name__
            entry["redirect_slashes"] = _redirect_slashes(route.app)
            if inner is None:
                entry["children"] = [{"kind": "opaque", "class": type(route.app).__name__}]
            else:
                entry["children"] = _walk(inner, full, root)
            if hasattr(route.app, "openapi") and hasattr(route.app, "openapi_url"):
                entry["openapi"] = _openapi(route.app)
        elif isinstance(route, Host):
            entry.update(kind="host", host=route.host, host_format=route.host_format, full_path=prefix, name=route.name)
            entry.update(params=list(route.param_convertors))
            inner = _routes_of(route.app)
            entry["app_class"] = type(route.app).__name__
            entry["children"] = (
                [{"kind": "opaque", "class": type(route.app).__name__}] if inner is None else _walk(inner, prefix, root)
            )
        else:
            is_ws = isinstance(route, WebSocketRoute) or type(route).__name__ == "APIWebSocketRoute"
            path = getattr(route, "path", None)
            methods = getattr(route, "methods", None)
            entry.update(
                kind="websocket" if is_ws else "route",
                path=path,
                full_path=prefix + path if path is not None else None,
                path_format=getattr(route, "path_format", None),
                params=list(getattr(route, "param_convertors", {}) or {}),
                methods=sorted(methods) if methods is not None else None,
                name=getattr(route, "name", None),
                endpoint=_endpoint(getattr(route, "endpoint", None), root),
            )
            if hasattr(route, "include_in_schema"):
                entry["include_in_schema"] = route.include_in_schema
        out.append(entry)
    return out


def _openapi(app):
    """Per path+method OpenAPI fields, or None when the app has no openapi() (Starlette)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        schema = app.openapi()
    operations = []
    for path, item in schema.get("paths", {}).items():
        for method, op in item.items():
            operations.append(
                {
                    "path": path,
                    "method": method,
                    "summary": op.get("summary"),
                    "description": op.get("description"),
                    "operationId": op.get("operationId"),
                    "tags": op.get("tags"),
                    "deprecated": op.get("deprecated"),
                }
            )
    return {"operations": operations, "warnings": [str(w.message) for w in caught]}


def dump_app(case):
    with _isolated(case["dir"]) as root:
        app = _load(case["app"])
        routes = _routes_of(app)
        if routes is None:
            raise TypeError(f"{case['app']} is not a Starlette/FastAPI app or Router: {type(app).__name__}")
        is_fastapi = hasattr(app, "openapi") and hasattr(app, "openapi_url")
        return {
            "app_class": type(app).__name__,
            "redirect_slashes": _redirect_slashes(app),
            "root_path": getattr(app, "root_path", None),
            "routes": _walk(routes, "", root),
            "openapi": _openapi(app) if is_fastapi else None,
        }


def import_error(case):
    with _isolated(case["dir"]) as root:
        try:
            importlib.import_module(case["module"])
        except Exception as exc:  # the framework's own error is the answer
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if _under(f.filename, root)]
            last = frames[-1] if frames else None
            return {
                "raised": True,
                "type": type(exc).__name__,
                "message": str(exc),
                "file": os.path.relpath(os.path.realpath(last.filename), root).replace(os.sep, "/") if last else None,
                "line": last.lineno if last else None,
            }
        return {"raised": False}


OPS = {"dump_app": dump_app, "import_error": import_error}
