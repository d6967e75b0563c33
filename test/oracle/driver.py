"""Batch driver for differential tests: runs cases through the real Starlette/FastAPI.

Reads {"cases": [{"op": NAME, ...}, ...]} as JSON on stdin and writes
{"results": [...]} on stdout, one result per case, in order: {"ok": VALUE} or
{"error": {"type": EXCEPTION_CLASS, "message": STR}}. Operations live in the ops_*.py
modules beside this file; each defines OPS = {"name": function(case) -> VALUE}.
One process answers a whole batch.
"""
import importlib
import json
import pathlib
import sys
import warnings

sys.path.insert(0, str(pathlib.Path(__file__).parent))

OPS = {}
for module_path in sorted(pathlib.Path(__file__).parent.glob("ops_*.py")):
    OPS.update(importlib.import_module(module_path.stem).OPS)


def run(case):
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = OPS[case["op"]](case)
        result = {"ok": value}
        if caught:
            result["warnings"] = [str(w.message) for w in caught]
        return result
    except Exception as exc:  # the framework's own error is part of the answer
        return {"error": {"type": type(exc).__name__, "message": str(exc)}}


def main():
    batch = json.load(sys.stdin)
    results = [run(case) for case in batch["cases"]]
    json.dump({"results": results}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
