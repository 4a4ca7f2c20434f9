"""One module per command of the command-line contract (FORMAT.md)."""
