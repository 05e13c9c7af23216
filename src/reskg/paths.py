"""Where the project's data files live: ontology, queries, gazetteers, the bundled article.

The package is installed in editable mode from a checkout, so the files stay at the top of the
checkout; ``RESKG_HOME`` points elsewhere when they were copied.
"""

import os
from pathlib import Path

ROOT = Path(os.environ.get("RESKG_HOME") or Path(__file__).resolve().parents[2])
ONTOLOGY_DIR = ROOT / "ontology"
QUERIES_DIR = ROOT / "queries"
DATA_DIR = ROOT / "data"
GAZETTEER_DIR = DATA_DIR / "gazetteer"
CORPUS_DIR = DATA_DIR / "corpus"
BUNDLED_ARTICLE = DATA_DIR / "articles" / "oic-resolution-10-11.txt"
PUBLISHED_GRAPH = DATA_DIR / "oic-resolution-10-11.ttl"
