"""Re-exports the routers so main.py can `from .routers import items_router, users_router`."""
from .items import router as items_router
from .users import router as users_router
from . import health

__all__ = ["items_router", "users_router", "health"]
