"""The public search: members, clubs, events and pages, as each audience may find them.

Its modules form layers; each imports only from the layers below it, never above,
and none hides an import inside a function to get round that:

1. **Core** — what every other layer speaks, importing nothing of the search but
   the models (and ``config.errors`` for the refusals): ``query`` (``SearchQuery``
   in, ``SearchResults`` out, the kinds, facets and refusals), ``params`` (a query
   read from URL parameters), ``documents`` (``Document``, the audiences,
   ``Store``), ``text`` (folding, stemming, highlighting), ``geo`` (distances),
   ``models``.
2. **Backends** — ``database`` and ``elastic``: each a store (documents in) and a
   backend (a query answered), side by side, neither importing the other. They
   count facet values; labelling them is the services' job.
3. **Indexing** — ``sources`` (the registry the apps fill from their ``ready()``;
   it imports no backend and connects nothing), ``pending`` (what Elasticsearch
   has not received yet), ``tasks`` (the queued Elasticsearch updates) and
   ``sync`` (every save and delete → the documents rebuilt after the commit).
4. **Services and the search's own source** — ``services`` (which backend answers,
   the fall back to the database, the facet labels), ``pages`` (the site's pages as
   documents), ``fts`` (the SQLite full-text table and its triggers, checked and
   restored).
5. **Entry points** — ``api``, ``views``, ``urls``, ``templatetags``,
   ``management.commands.search_index``, ``demo``, ``apps`` (``SearchConfig.ready()``
   registers the pages' source, connects ``sync`` once, registers the ``fts``
   system check and its repair after ``migrate``).

``opensearch`` stands apart: the launcher of the OpenSearch node that tests,
benchmarks and CI run against, and the client adapter that lets the Elasticsearch
client talk to it. It imports nothing of the search.

The apps' own ``search.py`` modules (``members.search``, ``clubs.search``,
``events.search``) sit with layer 4: they import the core and the registry (and
``sync.mark`` for the changes no model save announces).
"""
