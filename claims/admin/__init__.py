"""The desk: every claims admin is registered here, explicitly, and nowhere else.

claims.py        the claim list and page, verification notes, tags
desk.py          review-queue filters, the claim page's reading panel, decisions
measures.py      measures and the measure page (agreement, timeline, suggestions)
sources.py       the source page with its claims
filters.py, forms.py, paginators.py, quote_context.py   what those pages are built from
"""

from django.contrib import admin

from claims.admin.claims import ClaimAdmin, TagAdmin, VerificationNoteAdmin
from claims.admin.measures import MeasureAdmin
from claims.admin.sources import SourceAdmin
from claims.factsheets.admin import FactSheetAdmin
from claims.models import Claim, FactSheet, Measure, Tag, VerificationNote
from sources.models import Source

# The index doubles as the editor's dashboard: counts by status linking into the review queue.
admin.site.index_template = "admin/claims/index.html"

admin.site.register(Claim, ClaimAdmin)
admin.site.register(VerificationNote, VerificationNoteAdmin)
admin.site.register(Measure, MeasureAdmin)
admin.site.register(Tag, TagAdmin)
admin.site.register(Source, SourceAdmin)
admin.site.register(FactSheet, FactSheetAdmin)
