"""Which route of a Starlette router handles each request (the first Match.FULL), for the shadowing tests."""
from fastapi.routing import APIRoute
from starlette.convertors import Convertor, register_url_convertor
from starlette.routing import Match, Mount, Route, WebSocketRoute


async def _function_endpoint(request):  # Route with a function endpoint: methods default GET (+HEAD)
    return None


async def _api_endpoint():
    return None


async def _websocket_endpoint(websocket):
    return None


class _AsgiEndpoint:  # a class endpoint: Route accepts every method
    def __init__(self, scope, receive, send):
        pass


async def _asgi_app(scope, receive, send):
    return None


def _convertor(pattern):
    class Custom(Convertor):
        regex = pattern

        def convert(self, value):
            return value

        def to_string(self, value):
            return str(value)

    return Custom()


def _build(spec):
    kind = spec["kind"]
    if kind == "mount":
        return Mount(spec["path"], app=_asgi_app)
    if kind == "websocket":
        return WebSocketRoute(spec["path"], _websocket_endpoint)
    if spec["flavor"] == "api":
        return APIRoute(spec["path"], _api_endpoint, methods=spec["methods"])
    if spec["methods"] is None:
        return Route(spec["path"], _AsgiEndpoint)
    return Route(spec["path"], _function_endpoint, methods=spec["methods"])


def handlers(case):
    """{convertors: {name: regex}, routes: [spec], requests: [{type, method, path}]} ->
    [{"handler": index or None, "matching": [indices whose path regex matches]}]"""
    for name, pattern in case.get("convertors", {}).items():
        register_url_convertor(name, _convertor(pattern))
    routes = [_build(spec) for spec in case["routes"]]
    out = []
    for request in case["requests"]:
        scope = {"type": request["type"], "path": request["path"], "root_path": "", "method": request.get("method", "GET")}
        handler = None
        for index, route in enumerate(routes):  # Router.app's loop: the first FULL match handles the request
            match, _ = route.matches(scope)
            if match == Match.FULL:
                handler = index
                break
        matching = [i for i, route in enumerate(routes) if route.path_regex.match(request["path"])]
        out.append({"handler": handler, "matching": matching})
    return out


OPS = {"shadow_handlers": handlers}
