"""reskg: knowledge graphs and linked data from articles about international resolutions."""

__version__ = "0.1.0"
