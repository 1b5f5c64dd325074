"""Number and date formats per language, factdb's own (FORMAT_MODULE_PATH)."""
