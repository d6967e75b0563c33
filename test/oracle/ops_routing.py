"""Routing operations for the differential tests: compile_path and real request matching.

"compile": {template, customs: [{name, regex}], samples: [str]} ->
    {pattern, format, params: [[name, convertor]], samples: [null | {end, groups}]}
"match": {app: TABLE, customs, requests: [REQUEST]} -> [OUTCOME]
    TABLE describes real Starlette/FastAPI objects (see build_app); every route, mount and
    host gets name=<id>, so the copies include_router makes keep it. Each request becomes an
    ASGI scope (path = urllib.parse.unquote(rawPath), as uvicorn does) sent through the app;
    patched .handle methods record which route handled it and its path_params.
"""
import asyncio
import contextlib
import urllib.parse
import uuid

from fastapi import APIRouter, FastAPI
from starlette.applications import Starlette
from starlette.convertors import CONVERTOR_TYPES, Convertor
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Host, Mount, Route, Router, WebSocketRoute, compile_path
from starlette.websockets import WebSocket

_LOOP = asyncio.new_event_loop()


@contextlib.contextmanager
def custom_convertors(customs):
    """Registers the case's custom convertors for the duration of the case only."""
    saved = dict(CONVERTOR_TYPES)
    try:
        for c in customs or []:
            cls = type(
                "Custom_" + c["name"],
                (Convertor,),
                {"regex": c["regex"], "convert": lambda self, v: v, "to_string": lambda self, v: str(v)},
            )
            CONVERTOR_TYPES[c["name"]] = cls()
        yield
    finally:
        CONVERTOR_TYPES.clear()
        CONVERTOR_TYPES.update(saved)


def op_compile(case):
    with custom_convertors(case.get("customs")):
        regex, fmt, convs = compile_path(case["template"])
        names = {id(v): k for k, v in CONVERTOR_TYPES.items()}
        samples = []
        for s in case.get("samples", []):
            m = regex.match(s)
            samples.append(None if m is None else {"end": m.end(), "groups": m.groupdict()})
        return {
            "pattern": regex.pattern,
            "format": fmt,
            "params": [[k, names[id(v)]] for k, v in convs.items()],
            "samples": samples,
        }


# ---- endpoints ----


async def fn_endpoint(request):
    return PlainTextResponse("ok")


async def api_endpoint(request: Request):
    return {"ok": True}


async def ws_endpoint(websocket: WebSocket):
    await websocket.accept()
    await websocket.close()


class ClassEndpoint:
    """An ASGI callable instance: Route treats it as an app, methods None."""

    async def __call__(self, scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"class"})


class OpaqueApp:
    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 4000})
            return
        await send({"type": "http.response.start", "status": 299, "headers": []})
        await send({"type": "http.response.body", "body": b"opaque"})


# ---- tables ----


def starlette_node(n):
    t = n["t"]
    if t == "route":
        endpoint = ClassEndpoint() if n.get("endpoint") == "class" else fn_endpoint
        return Route(n["path"], endpoint, methods=n.get("methods"), name=n["id"])
    if t == "ws":
        return WebSocketRoute(n["path"], ws_endpoint, name=n["id"])
    if t == "mount":
        router = Router(routes=[starlette_node(c) for c in n["routes"]], redirect_slashes=n.get("redirectSlashes", True))
        return Mount(n["path"], app=router, name=n["id"])
    if t == "opaque":
        return Mount(n["path"], app=OpaqueApp(), name=n["id"])
    if t == "host":
        router = Router(routes=[starlette_node(c) for c in n["routes"]], redirect_slashes=n.get("redirectSlashes", True))
        return Host(n["host"], app=router, name=n["id"])
    raise ValueError(f"not a starlette node: {t}")


def add_fastapi_node(router, n):
    t = n["t"]
    if t == "api":
        router.add_api_route(n["path"], api_endpoint, methods=n.get("methods"), name=n["id"])
    elif t == "apiws":
        router.add_api_websocket_route(n["path"], ws_endpoint, name=n["id"])
    elif t == "include":
        child = APIRouter(prefix=n.get("routerPrefix", ""))
        for c in n["routes"]:
            add_fastapi_node(child, c)
        router.include_router(child, prefix=n.get("prefix", ""))
    else:
        router.routes.append(starlette_node(n))


def build_app(desc):
    if desc["kind"] == "starlette":
        app = Starlette(routes=[starlette_node(n) for n in desc["routes"]])
    else:
        docs = desc.get("docs", True)
        app = FastAPI(
            openapi_url="/openapi.json" if docs else None,
            docs_url="/docs" if docs else None,
            redoc_url="/redoc" if docs else None,
        )
        for n in desc["routes"]:
            add_fastapi_node(app.router, n)
    app.router.redirect_slashes = desc.get("redirectSlashes", True)
    return app


def patch_handles(routes, record):
    for route in routes:
        original = route.handle

        async def handle(scope, receive, send, _route=route, _original=original):
            record.append((_route, dict(scope.get("path_params", {}))))
            await _original(scope, receive, send)

        route.handle = handle
        if isinstance(route, (Mount, Host)) and isinstance(route.app, Router):
            patch_handles(route.app.routes, record)


# ---- requests ----


def py_type(v):
    if isinstance(v, uuid.UUID):
        return "uuid"
    return type(v).__name__


def params_json(params):
    return {k: [str(v), py_type(v)] for k, v in params.items()}


def run_request(app, record, req):
    record.clear()
    sent = []
    ws = req["type"] == "websocket"
    headers = []
    if req.get("host") is not None:
        headers.append((b"host", req["host"].encode("utf-8")))
    scope = {
        "type": req["type"],
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "scheme": req.get("scheme") or ("ws" if ws else "http"),
        "path": urllib.parse.unquote(req["rawPath"]),
        "raw_path": req["rawPath"].encode("utf-8"),
        "root_path": req.get("rootPath", ""),
        "query_string": req.get("query", "").encode("utf-8"),
        "headers": headers,
    }
    if req.get("server") is not None:
        scope["server"] = (req["server"]["host"], req["server"]["port"])
    if ws:
        scope["subprotocols"] = []
        incoming = [{"type": "websocket.connect"}, {"type": "websocket.disconnect", "code": 1000}]
    else:
        scope["method"] = req["method"]
        incoming = [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive():
        if incoming:
            return incoming.pop(0)
        await asyncio.sleep(0)
        return {"type": "http.disconnect"} if not ws else {"type": "websocket.disconnect", "code": 1000}

    async def send(message):
        sent.append(message)

    error = None
    try:
        _LOOP.run_until_complete(app(scope, receive, send))
    except Exception as exc:  # the app's own error: a 500
        error = f"{type(exc).__name__}: {exc}"

    leaf = None
    for route, params in record:
        if isinstance(route, (Mount, Host)) and isinstance(route.app, Router):
            continue
        leaf = (route, params)
    start = next((m for m in sent if m["type"] == "http.response.start"), None)
    status = start["status"] if start else None
    hdrs = {k.decode("latin-1"): v.decode("latin-1") for k, v in (start["headers"] if start else [])}
    if leaf is not None:
        route, params = leaf
        if isinstance(route, (Mount, Host)):
            return {"kind": "opaque", "id": route.name, "params": params_json(params)}
        if status == 405:
            # Allow joins a Python set: order is not deterministic, compare sorted.
            return {"kind": "405", "id": route.name, "allow": sorted(hdrs.get("allow", "").split(", "))}
        return {"kind": "route", "id": route.name, "params": params_json(params)}
    if ws:
        closes = [m for m in sent if m["type"] == "websocket.close"]
        if error is not None:
            return {"kind": "500", "error": error}
        return {"kind": "ws-close", "code": closes[0].get("code", 1000) if closes else None}
    if status == 307:
        return {"kind": "redirect", "location": hdrs.get("location")}
    if status == 404:
        return {"kind": "404"}
    if status == 500 or error is not None:
        return {"kind": "500", "error": error}
    return {"kind": "other", "status": status}


def op_match(case):
    with custom_convertors(case.get("customs")):
        app = build_app(case["app"])
        record = []
        patch_handles(app.router.routes, record)
        return [run_request(app, record, r) for r in case["requests"]]


OPS = {"compile": op_compile, "match": op_match}
