"""The Textual reader. It reads the store and asks `tgagreader.sync` to refresh it; it never
parses HTML or opens a socket itself."""
