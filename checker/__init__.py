"""claimcheck: reconcile hand-tagged claims from several sources and flag where they conflict."""

__version__ = "0.1.0"
