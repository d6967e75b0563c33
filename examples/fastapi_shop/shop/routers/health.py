"""Liveness endpoints, included at the top level."""
from fastapi import APIRouter

router = APIRouter(tags=["health"], include_in_schema=False)


@router.get("/healthz")
def healthz():
    return {"ok": True}
