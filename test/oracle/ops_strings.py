"""Python string literal values, for the differential tests of shared/python/strings.ts."""


def _utf16_units(value):
    units = []
    for ch in value:
        code = ord(ch)
        if code > 0xFFFF:
            code -= 0x10000
            units += [0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)]
        else:
            units.append(code)
    return units


def literal(case):
    """Compiles case["src"] as a module file would be (bytes, so newline handling is the
    tokenizer's) and returns the UTF-16 units of variable case["var"], or of the __doc__ of
    the function/class case["doc"] (None when it has no docstring)."""
    namespace = dict(case.get("env", {}))
    exec(compile(case["src"].encode("utf-8"), "<case>", "exec"), namespace)
    if "doc" in case:
        doc = namespace[case["doc"]].__doc__
        return None if doc is None else _utf16_units(doc)
    value = namespace[case.get("var", "x")]
    if not isinstance(value, str):
        raise TypeError(f"not a str: {type(value).__name__}")
    return _utf16_units(value)


OPS = {"literal": literal}
