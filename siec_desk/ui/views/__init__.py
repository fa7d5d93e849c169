"""The main views (pages of the main window) and their forms."""
