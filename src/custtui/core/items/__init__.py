"""Items: what customers buy and consignors bring in, and what the store owes consignors."""
