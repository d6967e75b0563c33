"""A small Starlette blog: run with `uvicorn blog.app:app` from examples/starlette_blog."""
