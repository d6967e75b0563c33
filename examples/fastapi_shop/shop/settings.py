"""Settings shared by the routers: string constants used in prefixes."""
from pathlib import Path

API_PREFIX = "/api"
API_VERSION = "v1"
V1_PREFIX = f"{API_PREFIX}/{API_VERSION}"
ITEMS_PREFIX = "/items"
USERS_PREFIX = "/users"
ADMIN_PATH = "/admin"
STATIC_DIR = Path(__file__).parent / "static"
