"""Small reusable widgets and helpers for the views."""
