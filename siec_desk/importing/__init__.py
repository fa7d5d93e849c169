"""Importing a centre's history from its own spreadsheets (CSV, XLSX).

Reading (``read_csv``, ``read_xlsx``, ``encodings``, ``source``) gives a plain table;
``headers`` and ``values`` guess what each column and each value means; ``mapping`` keeps
the user's choices in a JSON file; ``plan`` turns rows into validated records and
matches them with what the database holds (the dry run); ``apply`` writes a plan in bulk.
No Qt; the service ``siec_desk.services.importer`` binds it all to an open database.
"""
