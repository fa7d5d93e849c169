"""The audit trail's small, stable code sets: who acted, what happened, to what.

Stored as they are in ``audit_events``; their labels are translated when shown
(``texts/audit.py``). The service that writes events is ``services/audit.py``.
"""

from __future__ import annotations

from siec_desk.core.i18n import N_, LazyText

#: The actor of work done from the command line (no advisor chosen).
COMMAND_LINE = "command line"
#: The actor of work done in the window before any advisor was chosen.
DESK = "desk"

# -- actions (what happened) -------------------------------------------------------------
CREATE = "create"
UPDATE = "update"
DELETE = "delete"
EXPORT = "export"  # a rights export of one household, or a network statistics export
PURGE_ANONYMISE = "purge_anonymise"  # retention: identity and free text dropped
PURGE_DELETE = "purge_delete"  # retention: households deleted
ERASE = "erase"  # a household erased on request, with its letters and files
RESTORE = "restore"  # a database backup restored
BACKUP = "backup"  # a database backup written
IMPORT = "import"  # households and consultations imported from a spreadsheet
SEND = "send"  # a letter sent by e-mail (never the address)

ACTIONS: dict[str, LazyText] = {
    CREATE: N_("Created"),
    UPDATE: N_("Changed"),
    DELETE: N_("Deleted"),
    EXPORT: N_("Exported"),
    PURGE_ANONYMISE: N_("Anonymised (retention)"),
    PURGE_DELETE: N_("Deleted (retention)"),
    ERASE: N_("Erased on request"),
    RESTORE: N_("Restored"),
    BACKUP: N_("Backed up"),
    IMPORT: N_("Imported"),
    SEND: N_("Sent by e-mail"),
}

# -- object types (to what) --------------------------------------------------------------
HOUSEHOLD = "household"
CONSULTATION = "consultation"
LETTER = "letter"
DATABASE = "database"
STATISTICS = "statistics"
CENTRE = "centre"  # the centre's settings (e.g. its retention period)
PARAMETER_SET = "parameter_set"  # a dated set of prices and factors (parameters import)
READING = "consumption_reading"  # a household's bill or meter reading
ACT_TYPE = "act_type"  # the centre's own act type, or a built-in act it hides (details: code)
EVENT = "event"  # an event of the events register (schema 0016; nothing personal)
LOAN_ITEM = "loan_item"  # a lendable item of the inventory (schema 0017)
LOAN = "loan"  # an item lent to a household (details: household_id, item_id, field names)

OBJECT_TYPES: dict[str, LazyText] = {
    HOUSEHOLD: N_("Household"),
    CONSULTATION: N_("Consultation"),
    LETTER: N_("Letter"),
    DATABASE: N_("Database"),
    STATISTICS: N_("Statistics"),
    CENTRE: N_("Centre settings"),
    PARAMETER_SET: N_("Parameter set"),
    READING: N_("Consumption reading"),
    ACT_TYPE: N_("Act type"),
    EVENT: N_("Event"),
    LOAN_ITEM: N_("Lendable item"),
    LOAN: N_("Equipment loan"),
}
