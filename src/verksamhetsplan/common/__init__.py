"""Shared leaves at the bottom of every layer: the `Problem` type and `Refused`, near-miss
suggestions, files (finding, showing, reading, atomic writing), Swedish number formatting
and running work in parallel.

May import: the standard library. Nothing else of vp.
"""
