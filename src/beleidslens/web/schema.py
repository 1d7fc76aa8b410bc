"""The workbench database schema: named, append-only migrations.

Each migration runs once, in order, and is recorded in ``_migrations``; never edit a released
migration, append a new one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            title TEXT,
            format TEXT NOT NULL DEFAULT 'txt',
            sha256 TEXT NOT NULL DEFAULT '',
            size INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL,
            model_json TEXT,
            created TEXT NOT NULL
        );
        CREATE TABLE frameworks (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            yaml TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('builtin', 'upload', 'import')),
            created TEXT NOT NULL
        );
        CREATE TABLE analyses (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            framework_id INTEGER NOT NULL REFERENCES frameworks(id),
            backend TEXT NOT NULL DEFAULT 'lexical',
            created TEXT NOT NULL
        );
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            analysis_id INTEGER NOT NULL REFERENCES analyses(id),
            status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
            stage TEXT NOT NULL DEFAULT '',
            progress REAL NOT NULL DEFAULT 0,
            error TEXT,
            result_json TEXT,
            started TEXT NOT NULL,
            finished TEXT
        );
        CREATE INDEX runs_by_analysis ON runs(analysis_id, id);
        CREATE TABLE decisions (
            analysis_id INTEGER NOT NULL REFERENCES analyses(id),
            key TEXT NOT NULL,
            theme_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
            target_theme TEXT,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('engine', 'human')),
            passage_json TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            updated TEXT NOT NULL,
            PRIMARY KEY (analysis_id, key)
        );
        CREATE TABLE verdicts (
            analysis_id INTEGER NOT NULL REFERENCES analyses(id),
            theme_id TEXT NOT NULL,
            aspect_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('addressed', 'not_addressed', 'uncertain')),
            note TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            updated TEXT NOT NULL,
            PRIMARY KEY (analysis_id, theme_id, aspect_id)
        );
        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            analysis_id INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('passage', 'verdict')),
            key TEXT NOT NULL,
            version INTEGER NOT NULL,
            payload TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX history_by_analysis ON history(analysis_id, kind, key);
        """,
    ),
    (
        "0002_review_position",
        """
        ALTER TABLE analyses ADD COLUMN position_theme TEXT;
        ALTER TABLE analyses ADD COLUMN position_key TEXT;
        """,
    ),
    (
        "0003_backend_options",
        """
        ALTER TABLE analyses ADD COLUMN backend_options TEXT NOT NULL DEFAULT '{}';
        """,
    ),
    (
        "0004_history_latest",
        """
        CREATE INDEX history_latest ON history(analysis_id, id);
        """,
    ),
    (
        "0005_settings",
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
    (
        "0006_framework_learning",
        """
        CREATE TABLE framework_learning (
            framework_key TEXT PRIMARY KEY,
            consent INTEGER NOT NULL DEFAULT 0,
            updated TEXT NOT NULL
        );
        """,
    ),
]
