"""The domain: store, rules, encryption, services. Knows nothing of the UI."""
