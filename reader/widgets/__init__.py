"""Textual widgets of the reading app; thin views over reader.core."""
