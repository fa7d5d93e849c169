"""The readable PDF of a household's rights export (content, composition, rendering)."""
