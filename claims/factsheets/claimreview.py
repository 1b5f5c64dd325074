"""schema.org ClaimReview objects from a fact-sheet context, for claims that carry a verdict.

Search engines and fact-check aggregators read these. Claims still unverified (or in review, or
retracted) have no verdict to publish, so they get no ClaimReview: the sheet itself still shows
them, marked as unverified. A claim corrected since the sheet was first published (retracted
included: the review published before must be withdrawn in the open) gets one with
`dateModified` and a `correction` (schema.org CorrectionComment) for each change.
"""

# One truth scale, worst to best. "Unverifiable" is a verdict but has no place on a truth scale,
# so it is published by name only (alternateName), without a numeric rating.
RATING_SCALE = {"false": 1, "misleading": 2, "disputed": 3, "verified": 5}
WORST, BEST = 1, 5


def claim_reviews(context: dict) -> list[dict]:
    citations = {cited["number"]: cited for cited in context["citations"]}
    corrected: dict[int, list[dict]] = {}
    for row in context.get("corrections") or []:
        corrected.setdefault(row["claim"], []).append(row)
    reviews = []
    for entry in context["items"]:
        if not (entry["verdict"] or entry["claim_id"] in corrected):
            continue
        review = claim_review(entry, citations[entry["citation"]], context)
        if entry["claim_id"] in corrected:
            review.update(corrections(corrected[entry["claim_id"]]))
        reviews.append(review)
    return reviews


def corrections(rows: list[dict]) -> dict:
    """dateModified (the latest change) and one CorrectionComment per change, oldest first."""
    return {
        "dateModified": rows[-1]["at"],
        "correction": [
            {
                "@type": "CorrectionComment",
                "text": f"{row['change']}. {row['reason']}".strip(),
                "datePublished": row["at"],
            }
            for row in rows
        ],
    }


def claim_review(entry: dict, cited: dict, context: dict) -> dict:
    note = entry["verification"]
    review = {
        "@type": "ClaimReview",
        "claimReviewed": entry["quote"],
        "reviewRating": rating(entry, note),
        "itemReviewed": item_reviewed(entry, cited),
        "author": {"@type": "Organization", "name": context["newsroom"]},
        # The review was published when its latest note was written, else with this sheet.
        "datePublished": note["date"] if note else context["date"],
    }
    if context["url"]:
        review["url"] = f"{context['url']}#claim-{entry['claim_id']}"
    return review


def rating(entry: dict, note: dict | None) -> dict:
    value = {"@type": "Rating", "alternateName": entry["status_label"]}
    if entry["status"] in RATING_SCALE:
        value.update(ratingValue=RATING_SCALE[entry["status"]], bestRating=BEST, worstRating=WORST)
    if note:
        value["ratingExplanation"] = note["body"]
    return value


def item_reviewed(entry: dict, cited: dict) -> dict:
    appearance = {
        "@type": "CreativeWork",
        "headline": cited["title"],
        "datePublished": cited["date"],
        "publisher": {"@type": "Organization", "name": cited["publisher"]},
    }
    if cited["url"]:
        appearance["url"] = cited["url"]
    claim = {"@type": "Claim", "appearance": appearance, "author": claim_author(entry, cited)}
    if entry["claim_date"]:
        claim["datePublished"] = entry["claim_date"]
    return claim


def claim_author(entry: dict, cited: dict) -> dict:
    """Who made the claim: its claimant, or the publisher when the source asserts it itself."""
    who = entry["claimant"]
    if who is None:
        return {"@type": "Organization", "name": cited["publisher"]}
    kind = "Person" if who["kind"] == "person" else "Organization"
    author = {"@type": kind, "name": who["name"]}
    if who["description"]:
        author["description"] = who["description"]
    return author
