"""``python -m vssid_batch`` runs the command line."""

from vssid_batch.cli.app import main

main()
