"""The admin back office: a separate FastAPI app mounted under /admin."""
from fastapi import FastAPI

admin_app = FastAPI(title="Shop admin", docs_url="/docs", redoc_url=None)


@admin_app.get("/stats")
def admin_stats():
    """Sales statistics."""
    return {"orders": 0}


@admin_app.post("/reindex", tags=["maintenance"])
def reindex():
    return {"started": True}
