# Planted mistake in this file (Route Lens should report it):
#   1. Route added after include: `ready` is added to `health.router` AFTER
#      `app.include_router(health.router)` ran. FastAPI < 0.137 copies a router's routes at
#      the include call, so GET /readyz is never served (404) on the pinned FastAPI 0.92.
from fastapi import APIRouter, FastAPI, WebSocket
from fastapi.staticfiles import StaticFiles

from . import settings
from .admin import admin_app
from .routers import health, items_router, users_router

app = FastAPI(title="Shop", version="1.0.0")

v1 = APIRouter(prefix=settings.V1_PREFIX)
v1.include_router(items_router)
v1.include_router(users_router)

app.include_router(v1)
app.include_router(health.router)


@health.router.get("/readyz")
def ready():
    return {"ready": True}


def version():
    """The API version.\f

    Internal: read from settings.
    """
    return {"version": settings.API_VERSION}


app.add_api_route(f"{settings.API_PREFIX}/version", version, methods=["GET"], tags=["meta"])


@app.websocket("/ws/notifications")
async def notifications(websocket: WebSocket):
    await websocket.accept()
    await websocket.send_json({"hello": "world"})
    await websocket.close()


app.mount(settings.ADMIN_PATH, admin_app, name="admin")
app.mount("/static", StaticFiles(directory=settings.STATIC_DIR), name="static")
