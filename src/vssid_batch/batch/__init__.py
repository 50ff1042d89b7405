"""Assembling the submission: the output folder, the manifest, the list, the status report."""
