"""The daily digest: when each server is due, and the loop that posts it exactly once."""
