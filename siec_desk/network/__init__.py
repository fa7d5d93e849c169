"""The anonymised network export, centre side: what may leave the centre and in what form.

Pure code, no database and no Qt: ``generalise`` (communes to areas), ``suppression``
(small cells, dominance, secondary suppression), ``tables`` (which tables, built from
counts the statistics engine supplies), ``export_format`` (the versioned document and its
JSON), ``render_csv`` and ``render_xlsx``. The service ``services.network_export`` runs the
queries, builds the document, writes it and logs it. See docs/network-export.md.
"""
