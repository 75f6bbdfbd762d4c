"""claimcheck: reconcile hand-tagged claims from several sources and flag where they conflict."""

# The one place the version is written: pyproject.toml reads it (a dynamic version), and
# `claimcheck --version` and every report's tool version (JSON, SARIF) print it.
__version__ = "0.1.0"
