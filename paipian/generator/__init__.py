"""Seeded sample schools with a planted timetable that meets every hard rule."""

from paipian.generator.build import generate
from paipian.generator.profiles import PROFILES, Profile
from paipian.generator.writer import write_instance

__all__ = ["PROFILES", "Profile", "generate", "write_instance"]
