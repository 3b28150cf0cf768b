"""Domain services. They flush; the request (or CLI command) commits once."""
