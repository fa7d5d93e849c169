"""Realistic, deterministic demo data (``siec-desk demo``)."""

from siec_desk.services.demo.generator import DemoOptions, DemoReport, generate_demo

__all__ = ["DemoOptions", "DemoReport", "generate_demo"]
