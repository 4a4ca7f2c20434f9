"""Reading and writing the files of FORMAT.md: instances in, solutions out."""

from paipian.io.instance import load_instance

__all__ = ["load_instance"]
