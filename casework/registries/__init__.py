"""Integration with the agency registries: the catalogue, resilient HTTP clients, parallel
look-ups for a case, normalisation into a Household snapshot, and declared-vs-registry checks."""
