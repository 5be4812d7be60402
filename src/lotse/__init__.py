"""Lotse: case management and network platform for refugee labour-market networks."""
