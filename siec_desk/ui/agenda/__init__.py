"""The agenda (issue 20): follow-ups by upcoming groups, day and week, with their actions."""
