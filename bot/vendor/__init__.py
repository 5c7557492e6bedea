"""Third-party files shipped inside the package (see each folder's NOTICE)."""
