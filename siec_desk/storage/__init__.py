"""Storage: SQLAlchemy models, engine, migrations, backups and the search backends."""
