"""The claims REST API: claims, their notes and history, and measures."""
