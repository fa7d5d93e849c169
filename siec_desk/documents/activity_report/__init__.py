"""The centre manager's monthly activity report: one content, two files (PDF and Excel)."""
