"""Rendering documents: the Mẫu 01 form, the cover letter, ID photocopy sheets."""
