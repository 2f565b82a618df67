"""The import wizard's steps: one widget each (pick a file, map, check, run)."""
