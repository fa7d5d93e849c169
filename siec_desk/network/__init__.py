"""The anonymised network statistics, both sides.

``export/`` is the centre side, pure code (no database, no Qt): ``generalise`` (communes to
areas), ``suppression`` (small cells, dominance, secondary suppression), ``tables`` (built
from counts the statistics engine supplies), ``export_format`` (the versioned document and
its JSON), ``display`` and ``safe_text``. Its CSV and XLSX files are written by
``documents/network_export``; ``services/network/export.py`` runs the queries, writes and logs.

``coordinator/`` is the coordinator side: a network database of its own (models, database),
``reading`` (files received from centres, checked); the honest sum of the centres' parts is
pure (``domain/network_figures``, results in ``domain/network_results``);
``services/network/`` imports (``coordinator``), reads the merged figures (``figures``) and
makes the report (``report``). See docs/network-export.md.
"""
