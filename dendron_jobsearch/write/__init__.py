"""The write side: files (atomic, confined to the vault), new notes, templates, regions."""
