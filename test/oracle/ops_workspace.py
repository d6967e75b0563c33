"""Oracle ops for shared/workspace: source decoding and relative import resolution."""
import base64
import importlib
import importlib._bootstrap
import io
import tokenize


def decode_source(case):
    """Decodes bytes as the interpreter reads a source file (tokenize.detect_encoding)."""
    data = base64.b64decode(case["b64"])
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return {"text": data.decode(encoding)}


def resolve_name(case):
    """What the import statement runs for `from <dots><name> import x` inside `package`
    (importlib._bootstrap._gcd_import: _sanity_check, then _resolve_name)."""
    name, package, level = case["name"], case["package"], case["level"]
    importlib._bootstrap._sanity_check(name, package, level)
    return importlib._bootstrap._resolve_name(name, package, level) if level > 0 else name


OPS = {"decode_source": decode_source, "resolve_name": resolve_name}
