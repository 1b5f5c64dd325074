"""The claim read SQL the baselines share (bench/baseline_views.py inside Django, bench/bare.py
without it): the same rows, columns and order as GET /api/v1/claims/. No Django here."""

PAGE_SIZE = 50

SELECT = """
SELECT c.id, c.version, c.quote, c.quote_start, c.quote_end, c.summary, c.value, c.hedge,
       c.value_low, c.value_high, c.unit, c.currency, c.rate_period, c.claim_date,
       c.period_start, c.period_end, c.place, c.status, c.attribution, c.claimant_id, cl.name,
       c.measure_id, m.label, c.source_id, s.title, s.authors, s.published_on, s.date_precision,
       s.url, s.archive_url, s.language, p.name, c.origin, u.username, c.created_at,
       c.updated_at,
       (SELECT count(*) FROM claims_verificationnote n WHERE n.claim_id = c.id),
       ARRAY(SELECT t.name FROM claims_claim_tags ct JOIN claims_tag t ON t.id = ct.tag_id
             WHERE ct.claim_id = c.id ORDER BY t.name),
       c.unit_family, c.value_normalised
FROM claims_claim c
JOIN sources_source s ON s.id = c.source_id
JOIN sources_publisher p ON p.id = s.publisher_id
LEFT JOIN sources_claimant cl ON cl.id = c.claimant_id
LEFT JOIN claims_measure m ON m.id = c.measure_id
LEFT JOIN auth_user u ON u.id = c.created_by_id
"""
ORDER = " ORDER BY c.claim_date DESC, c.id DESC LIMIT %s"
