"""A custom path convertor for post slugs, registered globally with Starlette."""
from starlette.convertors import Convertor, register_url_convertor


class SlugConvertor(Convertor):
    regex = "[a-z0-9]+(?:-[a-z0-9]+)*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("slug", SlugConvertor())
