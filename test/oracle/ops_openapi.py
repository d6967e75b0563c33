"""FastAPI's OpenAPI fields and the Python str semantics behind them, for test/openapi."""
import inspect
import sys
import unicodedata

from fastapi import FastAPI


def openapi_fields(case):
    """Builds a real app with one route whose endpoint has the given __name__/__doc__ and
    returns the operation's summary, description (None when left out) and operationId."""

    def endpoint():
        return None

    endpoint.__name__ = case["name"]
    endpoint.__doc__ = case.get("doc")
    app = FastAPI()
    kwargs = {k: case[k] for k in ("summary", "description", "operation_id") if k in case}
    app.add_api_route(case["path"], endpoint, methods=case["methods"], **kwargs)
    (path_item,) = app.openapi()["paths"].values()
    operation = next(iter(path_item.values()))
    return {
        "summary": operation["summary"],
        "description": operation.get("description"),
        "operationId": operation["operationId"],
        "pathFormat": app.routes[-1].path_format,
    }


def cleandoc(case):
    return inspect.cleandoc(case["doc"])


def _ranges(predicate):
    ranges, start = [], None
    for cp in range(0x110001):
        inside = cp <= 0x10FFFF and predicate(cp)
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            ranges.append([start, cp - 1])
            start = None
    return ranges


def _is_surrogate(cp):
    return 0xD800 <= cp <= 0xDFFF


def unicode_tables(case):
    """title() of each code point alone and after a cased letter (where it changes something),
    and as ranges: the code points `re` counts as \\w, the Cased ones, the unassigned ones."""
    titles = []
    for cp in range(0x110000):
        if _is_surrogate(cp):
            continue
        ch = chr(cp)
        alone, after = ch.title(), ("A" + ch).title()[1:]
        if alone != ch or after != ch:
            titles.append([cp, alone, after])
    return {
        "unicode": unicodedata.unidata_version,
        "titles": titles,
        "word": _ranges(lambda cp: chr(cp).isalnum() or cp == 0x5F),
        # c is Cased when the letter after it is lower-cased by title()
        "cased": _ranges(lambda cp: not _is_surrogate(cp) and (chr(cp) + "a").title()[-1] == "a"),
        "unassigned": _ranges(lambda cp: unicodedata.category(chr(cp)) == "Cn"),
        "whitespace": [cp for cp in range(0x110000) if chr(cp).isspace()],
    }


def str_ops(case):
    s = case["s"]
    return {"strip": s.strip(), "title": s.title(), "expandtabs": s.expandtabs()}


OPS = {"openapi_fields": openapi_fields, "cleandoc": cleandoc, "unicode_tables": unicode_tables, "str_ops": str_ops}
