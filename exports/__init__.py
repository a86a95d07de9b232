"""Getting data out of the archive (and back in).

* ``exports.records`` - JSON Lines and CSV, streamed from one read snapshot;
* ``exports.warc`` - WARC/1.1 export of the stored captures (revisits for repeated
  bodies) and import of any WARC back into an archive;
* ``exports.datasette_export`` - a consistent snapshot plus ``metadata.yml`` for
  datasette (facets, canned queries, a dashboard of charts); also used by ``serve``;
* ``exports.datasette_plugin`` - the archive's SQL functions on datasette connections;
* ``exports.browse`` - datasette plugin: Korean-aware table search box, month/author
  facets, readable article pages.

The commands live in ``crawler.cli_exports`` (``newsarchive export ...``, ``import warc``,
``serve``).
"""
