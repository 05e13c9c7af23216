"""Publishing the graph: triple stores (Graph Store Protocol) and a linked-data server.

Layout:

- ``store``: ``load_graph(files, store_url, ...)`` PUTs N-Triples into a store, counts them back
- ``sparql``: the SPARQL 1.1 Protocol (request parsing, limits, result serialisation) and the
  pool of killable worker processes that runs queries under a deadline
- ``rdf``: triples as sorted Turtle, N-Triples or JSON-LD with short prefixes (``reskg build``
  writes its Turtle and JSON-LD with it too)
- ``html``: pages (resource, landing, query results), escaped, with a little CSS
- ``server``: ``serve(graphs, host, port, base)``, a threaded HTTP server tying them together
"""
