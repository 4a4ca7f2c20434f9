"""The template school that ``paipian init DIR`` writes for a 教务 to fill in.

``columns`` is the one place that says how each table column and coded value is
spelled in the template (Chinese headers and values); ``example`` holds the
example school; ``workbook`` and ``survey`` write the Excel files and the
parents' survey template; ``writer`` puts them all in a folder atomically.
"""

from paipian.templates.writer import TemplateError, write_template

__all__ = ["TemplateError", "write_template"]
