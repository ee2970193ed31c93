"""libreserve: check nature-reserve boundary and zoning proposals from Python."""
from ._core import Zone, __version__, chinese_name

__all__ = ["Zone", "__version__", "chinese_name"]
