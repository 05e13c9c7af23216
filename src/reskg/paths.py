"""Where reskg's data files live: ontology, queries, gazetteers, corpus, the bundled article.

An installed wheel carries them inside the package (``reskg/data``, ``reskg/ontology``,
``reskg/queries``: setup.py maps the checkout's top-level folders there), found through
``importlib.resources``; in a checkout (an editable install) they are the top-level folders
themselves. ``RESKG_HOME`` points elsewhere when they were copied.
"""

import importlib.resources
import os
from pathlib import Path

_PACKAGE = Path(str(importlib.resources.files("reskg")))
_CHECKOUT = Path(__file__).resolve().parents[2]


def _root() -> Path:
    if os.environ.get("RESKG_HOME"):
        return Path(os.environ["RESKG_HOME"])
    if (_PACKAGE / "ontology").is_dir():
        return _PACKAGE
    return _CHECKOUT


ROOT = _root()
#: True for an installed wheel: the data files are part of the package, not of a checkout.
INSTALLED = ROOT == _PACKAGE
ONTOLOGY_DIR = ROOT / "ontology"
QUERIES_DIR = ROOT / "queries"
DATA_DIR = ROOT / "data"
GAZETTEER_DIR = DATA_DIR / "gazetteer"
CORPUS_DIR = DATA_DIR / "corpus"
BUNDLED_ARTICLE = DATA_DIR / "articles" / "oic-resolution-10-11.txt"
PUBLISHED_GRAPH = DATA_DIR / "oic-resolution-10-11.ttl"
#: Where ``reskg build`` with no ARTICLE writes: the published graph in a checkout; in the
#: current directory when installed (the package's own files are not rewritten).
DEFAULT_BUILD_OUTPUT = Path(PUBLISHED_GRAPH.name) if INSTALLED else PUBLISHED_GRAPH
