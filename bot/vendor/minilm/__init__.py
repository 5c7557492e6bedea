"""Tokenizer of sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), vendored so no hub download is ever needed."""
