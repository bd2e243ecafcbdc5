def start_in_background():
    """Replaced by the payments domain."""
