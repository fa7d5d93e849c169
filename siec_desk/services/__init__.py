"""Use cases called by the GUI, the CLI and the tests. No Qt, no widgets, no printing.

Services take plain inputs (dataclasses), validate them, run one short unit of work and
return plain results; they never hand ORM objects to callers.
"""
