"""Printable documents (letters, reports): HTML + CSS to PDF with the bundled fonts."""
