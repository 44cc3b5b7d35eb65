"""FIT files: framing and bulk field decoding on the official SDK profile, messages to Activity.

:mod:`.decode` frames the messages and decodes each definition in bulk (numpy), :mod:`.fields`
holds the grouped field decoding, :mod:`.messages` turns records, laps and sessions into an
:class:`~legload.core.activity.Activity`. May import :mod:`legload.core` and :mod:`legload.errors`.
"""
