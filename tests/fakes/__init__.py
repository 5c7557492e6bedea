"""Loopback stand-ins for outside services, spoken to over real HTTP by the real clients."""
