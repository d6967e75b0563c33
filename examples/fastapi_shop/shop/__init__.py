"""The shop: run with `uvicorn shop.main:app` from examples/fastapi_shop."""
