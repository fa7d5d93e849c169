"""Pure domain logic: codes, calculations and rules. No Qt, no SQLAlchemy, no I/O."""
