"""Athletes in the database: profiles, and which athlete a command is about."""

from __future__ import annotations

import contextlib
import sqlite3

from legload.core.profile import AthleteProfile, validated
from legload.errors import StoreError

_FIELDS = ("sex", "birth_year", "height_m", "weight_kg", "body_fat_fraction", "running_years",
           "lifting_years")


class AthleteStore:
    """Mixin of :class:`~legload.store.db.Store`: athlete rows (needs ``conn`` and ``_now``)."""

    conn: sqlite3.Connection

    def save_athlete(self, profile: AthleteProfile) -> int:
        """Create or update an athlete (fields left None keep their stored value).

        The only athlete adopts every activity and log imported while no athlete existed
        (each time it is saved: idempotent), so a single-user database needs no names at all.
        """
        conn = self.conn
        now = _now()
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute("SELECT id FROM athletes WHERE name = ?", (profile.name,)).fetchone()
            values = {k: getattr(profile, k) for k in _FIELDS if getattr(profile, k) is not None}
            if row:
                athlete_id = int(row[0])
                if values:
                    sets = ", ".join(f"{k} = ?" for k in values)
                    conn.execute(f"UPDATE athletes SET {sets}, updated_at = ? WHERE id = ?",
                                 (*values.values(), now, athlete_id))
            else:
                cols = ", ".join(["name", *values, "created_at", "updated_at"])
                marks = ", ".join("?" * (len(values) + 3))
                cursor = conn.execute(f"INSERT INTO athletes ({cols}) VALUES ({marks})",
                                      (profile.name, *values.values(), now, now))
                athlete_id = int(cursor.lastrowid)
            if owner(conn, None) == athlete_id:  # the only one: owns whatever nobody owns
                for table in ("activities", "strength_sets", "intake_days",
                              "body_measurements"):
                    conn.execute(f"UPDATE {table} SET athlete_id = ? WHERE athlete_id IS NULL",
                                 (athlete_id,))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return athlete_id

    def athlete_for_import(self, name: str | None) -> int | None:
        """The athlete imported data belongs to: a named one (created when new), else the
        only one, else none yet (the first athlete created later adopts it)."""
        if name is not None and name not in {a.name for a in self.athletes()}:
            return self.save_athlete(validated(AthleteProfile(name=name)))
        return self.athlete_id(name)

    def athletes(self) -> list[AthleteProfile]:
        """Every athlete, by name."""
        rows = self.conn.execute(
            f"SELECT name, {', '.join(_FIELDS)} FROM athletes ORDER BY name").fetchall()
        return [AthleteProfile(*row) for row in rows]

    def athlete_id(self, name: str | None) -> int | None:
        """The id of the athlete a command is about.

        ``name`` given: that athlete (StoreError if unknown). No name: the only athlete, or
        None while there is none; with several, StoreError naming the choices.
        """
        rows = self.conn.execute("SELECT id, name FROM athletes ORDER BY name").fetchall()
        if name is not None:
            for athlete_id, known in rows:
                if known == name:
                    return int(athlete_id)
            choices = ", ".join(n for _, n in rows) or "none yet (use `legload athlete set`)"
            raise StoreError(f"no athlete named {name!r}; athletes: {choices}")
        if not rows:
            return None
        if len(rows) == 1:
            return int(rows[0][0])
        raise StoreError("several athletes in this database: choose one with --athlete "
                         f"({', '.join(n for _, n in rows)})")

    def activity_rows(self, athlete_id: int | None) -> list[tuple[int, str, str]]:
        """(id, start, sport) of an athlete's activities (or the unassigned ones), oldest first."""
        where = "athlete_id IS ?" if athlete_id is None else "athlete_id = ?"
        return [(int(i), s, sp) for i, s, sp in self.conn.execute(
            f"SELECT id, start, sport FROM activities WHERE {where} AND merged_into IS NULL "
            "ORDER BY start, id",
            (athlete_id,))]

    def athlete_weight_for(self, activity_id: int) -> float | None:
        """Body mass (kg) of the athlete an activity belongs to, when known."""
        row = self.conn.execute("SELECT a.weight_kg FROM athletes a JOIN activities x ON "
                                "x.athlete_id = a.id WHERE x.id = ?", (activity_id,)).fetchone()
        return float(row[0]) if row and row[0] is not None else None

    def athlete_weight(self, athlete_id: int | None) -> float | None:
        """Body mass (kg) of an athlete, when known."""
        row = None if athlete_id is None else self.conn.execute(
            "SELECT weight_kg FROM athletes WHERE id = ?", (athlete_id,)).fetchone()
        return float(row[0]) if row and row[0] is not None else None

    def cached_analyses(self, athlete_id: int | None, version: str) -> dict[int, str]:
        """The stored analyses (JSON) of an athlete's activities under ``version``, by id:
        one query, reading no samples."""
        where = "x.athlete_id IS ?" if athlete_id is None else "x.athlete_id = ?"
        return {int(i): text for i, text in self.conn.execute(
            "SELECT r.activity_id, r.result FROM activity_analyses r JOIN activities x ON "
            f"x.id = r.activity_id WHERE {where} AND x.merged_into IS NULL AND "
            "r.model_version = ?", (athlete_id, version))}

    def cache_analyses(self, version: str, results: dict[int, str]) -> None:
        """Keep analyses (by activity id) for next time in one transaction, dropping those
        of other model versions; best effort (a locked or read-only database only means
        they are computed again)."""
        rows = list(results.items())
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.conn.executemany("DELETE FROM activity_analyses WHERE activity_id = ? AND "
                                      "model_version != ?", [(i, version) for i, _ in rows])
                self.conn.executemany("INSERT OR REPLACE INTO activity_analyses (activity_id, "
                                      "model_version, result) VALUES (?, ?, ?)",
                                      [(i, version, text) for i, text in rows])
                self.conn.execute("COMMIT")
            finally:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")

    def athlete(self, name: str | None) -> AthleteProfile | None:
        """The profile :meth:`athlete_id` resolves to, or None."""
        athlete_id = self.athlete_id(name)
        if athlete_id is None:
            return None
        row = self.conn.execute(f"SELECT name, {', '.join(_FIELDS)} FROM athletes WHERE id = ?",
                                (athlete_id,)).fetchone()
        return AthleteProfile(*row)


def owner(conn: sqlite3.Connection, athlete_id: int | None) -> int | None:
    """Who rows being written belong to: ``athlete_id`` when given, else the only athlete
    (asked inside the writing transaction, so an athlete created while an import runs owns
    every file the import stores after it, as it adopted those stored before), else None."""
    if athlete_id is not None:
        return athlete_id
    rows = conn.execute("SELECT id FROM athletes LIMIT 2").fetchall()
    return int(rows[0][0]) if len(rows) == 1 else None


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")
