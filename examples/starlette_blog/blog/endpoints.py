"""Request handlers. Kept apart from the routing table in app.py."""
from starlette.endpoints import HTTPEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.websockets import WebSocket


async def homepage(request: Request):
    return PlainTextResponse("Welcome to the blog")


async def about(request: Request):
    return PlainTextResponse("About")


async def contact(request: Request):
    return PlainTextResponse("Contact")


async def list_posts(request: Request):
    return JSONResponse([])


async def post_detail(request: Request):
    return JSONResponse({"slug": request.path_params["slug"]})


async def post_archive(request: Request):
    return JSONResponse({"archive": True})


async def create_post(request: Request):
    return JSONResponse({"created": True}, status_code=201)


async def user_profile(request: Request):
    return JSONResponse(request.path_params)


async def user_posts(request: Request):
    return JSONResponse(request.path_params)


class Feed(HTTPEndpoint):
    async def get(self, request: Request):
        return PlainTextResponse("<rss/>", media_type="application/rss+xml")


async def health(request: Request):
    return JSONResponse({"ok": True})


async def live_comments(websocket: WebSocket):
    await websocket.accept()
    await websocket.send_text("connected")
    await websocket.close()
