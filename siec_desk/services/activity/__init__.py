"""The one place where activity is counted: the manager's dashboard, the monthly report
and the anonymised network export all read these figures."""
