# NOT IMPORTED by the app: each block below makes the framework RAISE at import time, so
# it lives in a module nothing imports. Route Lens still reads it and should report:
#   1. Unknown convertor: "{sku:slug}" -> AssertionError: Unknown path convertor 'slug'
#   2. Duplicated parameter in one template: "/pairs/{a}/{a}"
#      -> ValueError: Duplicated param name a at path /pairs/{a}/{a}
#   3. Prefix ending with "/": APIRouter(prefix="/drafts/")
#      -> AssertionError: A path prefix must not end with '/', as the routes will start with '/'
from fastapi import APIRouter

router = APIRouter()


@router.get("/skus/{sku:slug}")
def read_sku(sku: str):
    return {"sku": sku}


@router.get("/pairs/{a}/{a}")
def read_pair(a: str):
    return {"a": a}


drafts = APIRouter(prefix="/drafts/")
