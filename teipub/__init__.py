"""Tools behind cli.py: validate, build, serve and export the Purges in Dispute edition."""
