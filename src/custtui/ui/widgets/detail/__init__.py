"""The customer profile's parts: one widget per tab, and the notes log."""
