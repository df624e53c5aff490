"""mbcprep: get ready for a visit with your cancer care team."""

__version__ = "0.1.0"
