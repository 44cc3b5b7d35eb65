"""The :class:`Source` record: the paper behind a published number and what was checked in it.

Every topic's parameters module (``legload.models.<topic>.parameters`` and, for locomotion,
``joint_parameters`` and ``muscle_parameters``) groups its numbers by paper; each group gives a
:class:`Source` (authors, year, title, journal, DOI) and a note saying what was checked where,
so a reader can tell a number read in the paper from one taken from a secondary transcription.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """A bibliographic reference and what was checked in it.

    Attributes:
        citation: authors (year) title. Journal volume:pages.
        doi: the DOI without the ``https://doi.org/`` prefix ("" when none was verified).
        note: what was checked, where; "[S]" marks a value read only in a secondary
            transcription.
    """

    citation: str
    doi: str
    note: str = ""
