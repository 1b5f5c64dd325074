"""The sources REST API: publishers, claimants and sources."""
