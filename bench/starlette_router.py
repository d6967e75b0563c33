"""Times Starlette's own Router answering requests, called directly with ASGI scopes.

usage: /usr/bin/python3 bench/starlette_router.py ROOT MODULE:VAR REQUESTS.json RUNS
REQUESTS.json: [{"method", "rawPath", "query"}]. Prints JSON {"answers": [...], "seconds": [...]}:
one answer per request [status, handler index ("i/j") or null, location or null, sorted allow or
null], and the wall time of each run over all requests. Every route's ASGI app (and every mounted
app without routes) is replaced by a recorder first, so no endpoint runs: the figure is routing
(plus Starlette's own 404/405/307 responses), not handlers.
"""
import asyncio
import importlib
import json
import sys
import time
import urllib.parse

from starlette.routing import Host, Mount


def patch(routes, prefix, record):
    for i, route in enumerate(routes):
        index = f"{prefix}{i}"
        if isinstance(route, (Mount, Host)):
            inner = getattr(route.app, "routes", None)
            if inner is not None:
                patch(inner, index + "/", record)
                continue
        route.app = recorder(index, record)


def recorder(index, record):
    async def app(scope, receive, send):
        record.append(index)

    return app


def main():
    root, ref, requests_file, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    sys.path.insert(0, root)
    module, var = ref.split(":")
    app = getattr(importlib.import_module(module), var)
    record = []
    patch(app.routes, "", record)
    router = app.router
    with open(requests_file) as f:
        requests = json.load(f)
    base = [
        {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "scheme": "http",
            "method": r["method"],
            "path": urllib.parse.unquote(r["rawPath"]),
            "raw_path": r["rawPath"].encode(),
            "root_path": "",
            "query_string": r["query"].encode(),
            "headers": [(b"host", b"localhost")],
        }
        for r in requests
    ]
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    async def answer_all(scopes):
        for scope in scopes:
            await router(scope, receive, send)

    loop = asyncio.new_event_loop()
    answers = []
    for scope in [dict(s) for s in base]:
        record.clear()
        sent.clear()
        loop.run_until_complete(router(scope, receive, send))
        start = next((m for m in sent if m["type"] == "http.response.start"), None)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in (start or {}).get("headers", [])}
        allow = headers.get("allow")
        answers.append(
            [
                200 if record else (start or {}).get("status"),
                record[0] if record else None,
                headers.get("location"),
                sorted(m.strip() for m in allow.split(",")) if allow else None,
            ]
        )
    seconds = []
    for _ in range(runs):
        scopes = [dict(s) for s in base]
        sent.clear()
        t0 = time.perf_counter()
        loop.run_until_complete(answer_all(scopes))
        seconds.append(time.perf_counter() - t0)
    json.dump({"answers": answers, "seconds": seconds}, sys.stdout)


if __name__ == "__main__":
    main()
