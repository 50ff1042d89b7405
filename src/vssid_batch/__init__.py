"""vssid-batch: from an HR employee sheet to a ready VssID / BHXH submission.

The pipeline, one package each: ``sheet`` (read the workbook) → ``check`` (rules over records,
giving a ``Report``) → ``documents`` (render PDFs) → ``batch`` (assemble the output folder).
"""

__version__ = "0.1.0"
