"""tgagreader: a terminal reader for the TGAG news site."""

__version__ = "0.1.0"
