import sys

import fastapi
import starlette


def versions(case):
    return {
        "python": list(sys.version_info[:3]),
        "starlette": starlette.__version__,
        "fastapi": fastapi.__version__,
    }


OPS = {"versions": versions}
