"""Pure validation rules, one module per identifier (in the manner of python-stdnum).

Each identifier module offers ``compact``, ``validate`` (raises a ``RuleError``), ``is_valid``
and ``format``. No I/O happens here; ``vssid_batch.check`` applies the rules to sheet rows.
"""
