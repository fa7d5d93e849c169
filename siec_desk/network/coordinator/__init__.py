"""The coordinator's network database: a SQLite file of its own (never a centre's), holding
the centres' imported network exports (docs/network-export.md, "Coordinator")."""
