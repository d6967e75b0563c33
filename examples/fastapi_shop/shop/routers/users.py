# Planted mistakes in this file (Route Lens should report them):
#   1. Missing path parameter: `read_user_order` serves /users/{user_id}/orders/{order_id}
#      but its signature has no `order_id`, so the value in the URL is silently ignored.
#   2. Duplicate operation id: `read_user` and `read_user_by_email` both use
#      operation_id="get_user"; FastAPI warns "Duplicate Operation ID get_user ..." and
#      OpenAPI clients generate one method for two operations.
from fastapi import APIRouter

from .. import settings

router = APIRouter(prefix=settings.USERS_PREFIX, tags=["users"])


@router.get("/me")
def read_current_user():
    return {"username": "me"}


@router.get("/{user_id}", operation_id="get_user")
def read_user(user_id: int):
    return {"id": user_id}


@router.get("/by-email/{email}", operation_id="get_user")
def read_user_by_email(email: str):
    return {"email": email}


@router.get("/{user_id}/orders/{order_id}")
def read_user_order(user_id: int):
    return {"user": user_id}


@router.api_route("/{user_id}/avatar", methods=["GET", "HEAD"])
def user_avatar(user_id: int):
    return {"user": user_id}
