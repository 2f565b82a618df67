"""custtui: a keyboard-first terminal customer database for small businesses."""

__version__ = "0.1.0"
