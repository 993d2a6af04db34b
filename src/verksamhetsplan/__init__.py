"""vp – verksamhetsplaner som versionshanterad YAML, mätta mot nyckeltal."""

__version__ = "0.1.0"
