"""Users' text as plain data: names, titles and paths that came from a file or a user.

Activity names, exercise titles, athlete names and file names reach the terminal and the web
pages. They must be shown as the characters they are, never interpreted: no terminal escape
sequence (colours, clear screen, window title, OSC 8 hyperlinks), no control character, no
bidirectional override that reorders what follows. :func:`plain` removes them; markup
(rich's ``[bold]``, HTML) is escaped by the renderer that shows the text, not here.
"""

from __future__ import annotations

import re

#: ESC-introduced sequences: CSI (ESC [ ... final byte), OSC/DCS/SOS/PM/APC strings ended by
#: BEL or ESC \, and two-character escapes; plus their 8-bit C1 forms (0x9b CSI, 0x9d OSC ...)
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"            # CSI ... final
    r"|(?:\x1b[\]P^_X]|[\x9d\x90\x9e\x9f\x98]).*?(?:\x07|\x1b\\|\x9c|$)"  # OSC, DCS, PM, APC, SOS
    r"|\x1b[ -/]*[0-~]?",                          # other escapes (ESC c, ESC ( B ...)
    re.DOTALL,
)
#: remaining C0 and C1 controls, DEL, and the bidirectional embedding/override/isolate marks
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(text: object) -> str:
    """``text`` as one line of plain characters: escape sequences and control characters
    removed, white space (tabs, newlines) folded to single spaces, ends stripped.

    >>> plain("Tempo \\x1b[2J\\x1b]0;owned\\x07run\\n[/]")
    'Tempo run [/]'
    """
    value = _ESCAPES.sub("", str(text))
    value = _CONTROLS.sub(lambda m: " " if m.group() in "\t\n\r\x0b\x0c" else "", value)
    return " ".join(value.split())


__all__ = ["plain"]
