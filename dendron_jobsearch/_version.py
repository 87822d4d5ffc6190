"""The version, in a leaf module: the reader keys its cache by it, without importing the
package root (which sits above the reader)."""

__version__ = "0.1.0"
