"""The pluggy markers of vbcheck's hooks. Built-in readers and checks import `hookimpl` from
here; a third-party plugin imports it from `vbcheck.hookspecs`, the plugin contract."""

from __future__ import annotations

import pluggy

PROJECT = "vbcheck"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
