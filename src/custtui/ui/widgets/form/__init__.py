"""The edit form's parts: its sections and the field widgets that show and read values."""
