"""The real framework answering HTTP requests for a workspace app, through Starlette's TestClient.

"testclient": {root, module, variable, requests: [{method, target, type?, host?}]} ->
    [{status, location, allow, handler}] where handler is null (no route ran) or
    {"index": "i/j/..", "name": NAME}: the position of the route (or opaque mount) in
    app.routes, descending into mounted routers. Before any request, every route's ASGI app
    (what Route.handle calls once the method is allowed) is replaced by a recorder, and so is
    every mounted app without routes (StaticFiles): no endpoint or user code runs while
    requests are answered; only the import of the module does.
"""
import importlib
import sys


def _patch(routes, prefix, record):
    from starlette.routing import Host, Mount

    for i, route in enumerate(routes):
        index = f"{prefix}{i}"
        if isinstance(route, (Mount, Host)):
            inner = getattr(route.app, "routes", None)
            if inner is not None:
                _patch(inner, index + "/", record)
            else:
                route.app = _recorder(index, route.name, record)
        else:
            route.app = _recorder(index, getattr(route, "name", None), record)


def _recorder(index, name, record):
    async def app(scope, receive, send):
        record.append({"index": index, "name": name})
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1000})
            return
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"recorded"})

    return app


def op_testclient(case):
    from starlette.testclient import TestClient
    from starlette.websockets import WebSocketDisconnect

    root = case["root"]
    if root not in sys.path:
        sys.path.insert(0, root)
    app = getattr(importlib.import_module(case["module"]), case["variable"])
    record = []
    _patch(app.routes, "", record)
    out = []
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=True) as client:
        for req in case["requests"]:
            record.clear()
            headers = {"host": req["host"]} if req.get("host") else {}
            if req.get("type") == "websocket":
                try:
                    with client.websocket_connect(req["target"], headers=headers):
                        pass
                except WebSocketDisconnect:
                    pass
                out.append({"status": None, "location": None, "allow": None, "handler": record[0] if record else None})
                continue
            r = client.request(req["method"], req["target"], headers=headers, follow_redirects=False)
            allow = r.headers.get("allow")
            out.append(
                {
                    "status": r.status_code,
                    "location": r.headers.get("location"),
                    "allow": sorted(m.strip() for m in allow.split(",")) if allow else None,
                    "handler": record[0] if record else None,
                }
            )
    return out


OPS = {"testclient": op_testclient}
