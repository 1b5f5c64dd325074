"""What every factdb API endpoint shares, naming no app:

- `exceptions`: every validation or parse problem is a 400 naming the field, a stale write 412,
  a refused deletion 405, so no bad input ends in a 500;
- `parsers`: JSON numbers as Decimal, NaN and Infinity refused by name;
- `renderers`: JSON written by orjson, and CSV whose cells cannot run as formulas;
- `pagination`: keyset cursor pages over an ordering that always ends in the primary key;
- `permissions`: the groups' model permissions, and the one rule for anonymous public reads;
- `serializers`: mixins for model validation and fields hidden from anonymous readers;
- `etags`: a record's version carried through If-Match and ETag;
- `viewsets`: the base class of the endpoints for what claims cite.
"""
