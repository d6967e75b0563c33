# Planted mistakes in this file (Route Lens should report them):
#   1. Shadowed route: Route("/posts/archive") comes AFTER Route("/posts/{slug:slug}"), and
#      "archive" is a valid slug, so `post_archive` is never reached.
#   2. Exact duplicate route: Route("/about", about) is registered twice; the second copy
#      can never match.
#   3. Mount parameter repeated in the inner path: Mount("/users/{username}") contains
#      Route("/profile/{username}"); the inner value overwrites the mount's in
#      request.path_params, so GET /users/alice/profile/bob sees username == "bob".
from starlette.applications import Starlette
from starlette.routing import Mount, Route, WebSocketRoute

from . import convertors  # noqa: F401  (registers the "slug" convertor before the routes compile)
from .endpoints import (
    Feed,
    about,
    contact,
    create_post,
    health,
    homepage,
    list_posts,
    live_comments,
    post_archive,
    post_detail,
    user_posts,
    user_profile,
)

post_routes = [
    Route("/", list_posts),
    Route("/", create_post, methods=["POST"]),
    Route("/{slug:slug}", post_detail),
    Route("/archive", post_archive),
]

user_routes = [
    Route("/profile/{username}", user_profile),
    Route("/posts", user_posts),
]

pages = [
    Route("/", homepage),
    Route("/about", about),
    Route("/contact", contact, methods=["GET", "POST"]),
    Route("/about", about),
]

routes = pages + [
    Mount("/posts", routes=post_routes, name="posts"),
    Mount("/users/{username}", routes=user_routes, name="users"),
    Route("/feed.xml", Feed),
    WebSocketRoute("/ws/comments", live_comments),
]

app = Starlette(routes=routes)

app.router.routes.append(Route("/health", health))
