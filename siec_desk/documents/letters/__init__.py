"""Recommendation letters: what a letter says (``content``, ``compose``), its country texts
(``country``), and turning it into a PDF (``render``, ``pool``). No Qt, no database."""
