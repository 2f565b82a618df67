"""The activity log: the audit events of a business, newest first, in words a clerk reads.

`log` pages through the events (filtered by user, action, date or customer) on indexes made
for it; `wording` says what each event did from what the event recorded.
"""
