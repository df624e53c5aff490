"""The global options every command shares: where the data lives and which custom banks to add."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from mbcprep.paths import BANK_ENV, CACHE_DIR, data_dir

if TYPE_CHECKING:
    from mbcprep.model.content import Content
    from mbcprep.storage.store import Store


class Settings(NamedTuple):
    """The data folder (None: the usual one) and the custom banks a command was given.
    (A named tuple: quicker to make than a frozen dataclass, before the first question.)"""

    data_dir: str | None = None
    banks: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        return data_dir(self.data_dir)

    def open_store(self) -> Store:
        from mbcprep.storage.store import Store

        return Store.open(self.folder)

    def custom_banks(self) -> bool:
        """Whether custom banks are added (`--bank`, or $MBCPREP_BANK), without reading them."""
        return bool(self.banks) or any(p.strip() for p in os.environ.get(BANK_ENV, "").split(os.pathsep))

    def content(self, lang: str | None = None) -> Content:
        """The content in `lang` (the chosen language when not given), with the custom banks."""
        from mbcprep.content.load import load_content

        return load_content(self.banks, cache_dir=self.folder / CACHE_DIR, lang=lang)
