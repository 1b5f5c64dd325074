"""Cited fact sheets: one context (claims + numbered citations) built once, rendered to all formats.

`context.build_context` gathers the data; `renderers` turn that one dict into HTML, Markdown, PDF,
CSV, JSON and ClaimReview JSON-LD; `services` add, reorder and publish (freeze) sheets.
"""
