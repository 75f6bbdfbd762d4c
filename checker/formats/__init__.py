"""One renderer per output format, all built from the same records (checker.report)."""
