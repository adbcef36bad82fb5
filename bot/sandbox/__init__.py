"""`python -m bot sandbox`: try the real bot in a local Discord from a terminal prompt."""
