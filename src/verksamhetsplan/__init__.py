"""vp – verksamhetsplaner som versionshanterad YAML, mätta mot nyckeltal."""

# The one place the version is written; pyproject.toml and `vp --version` read it here.
__version__ = "0.2.0"
