"""The customer picker's parts: who a match or a choice is, and the inline New Customer form."""
