"""Helpers shared by several stages, each in one home: Thai digits, robust statistics, atomic file writes."""
