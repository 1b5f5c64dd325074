"""Database backends: Django's own, with what factdb changes about them (see each module)."""
