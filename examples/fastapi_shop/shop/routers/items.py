# Planted mistakes in this file (Route Lens should report them):
#   1. Shadowed route: GET /api/v1/items/featured is declared AFTER GET /api/v1/items/{item_name},
#      whose `{item_name}` also matches "featured", so `featured_items` is never reached.
#   2. Docstring leak: `read_item`'s docstring hides its second part behind "\f", but the
#      "\f" line is the least indented line after the first, so inspect.cleandoc deletes the
#      form feed (Python <= 3.12) and the internal note shows up in the OpenAPI description.
from typing import Optional

from fastapi import APIRouter
from pydantic import BaseModel

from ..settings import ITEMS_PREFIX

router = APIRouter(prefix=ITEMS_PREFIX, tags=["items"])


class Item(BaseModel):
    name: str
    price: float
    description: Optional[str] = None


@router.get("/")
async def list_items(limit: int = 10):
    """List the items in the catalogue.

    Items are sorted by name.
    \f
    :param limit: internal note, hidden from OpenAPI (the form feed survives here).
    """
    return []


@router.post("/", status_code=201)
async def create_item(item: Item):
    return item


@router.get("/{item_name}")
async def read_item(item_name: str):
    """Read one item.
    \fInternal: looks the item up in the legacy index, do not document."""
    return {"name": item_name}


@router.get("/featured")
async def featured_items():
    return []


@router.put("/{item_name}")
@router.patch("/{item_name}")
async def update_item(item_name: str, item: Item):
    return item


@router.delete("/{item_name}", deprecated=True)
async def delete_item(item_name: str):
    return None
