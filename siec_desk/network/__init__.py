"""The anonymised network statistics, both sides.

``export/`` is the centre side, pure code (no database, no Qt): ``generalise`` (communes to
areas), ``suppression`` (small cells, dominance, secondary suppression), ``tables`` (built
from counts the statistics engine supplies), ``export_format`` (the versioned document and
its JSON), ``display`` and ``safe_text``. Its CSV and XLSX files are written by
``documents/network_export``; ``services/network/export.py`` runs the queries, writes and logs.

``coordinator/`` is the coordinator side: a network database of its own (models, database),
``reading`` (files received from centres, checked) and ``merge``; ``services/network/
coordinator.py`` imports, summarises and reports. See docs/network-export.md.
"""
