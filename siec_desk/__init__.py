"""SIEC Desk: the desktop app of local energy/climate advice centres."""

from importlib import metadata

try:
    __version__ = metadata.version("siec-desk")
except metadata.PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"

APP_NAME = "siec-desk"
