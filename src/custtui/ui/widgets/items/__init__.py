"""The items screen's and the item detail's widgets."""
