// Over 300 lines on purpose: SQLite's schema history, one migration after another in the order
// they ran and never edited once shipped; a database at any version is brought up by running the
// rest of this list, so it stays one append-only list (new ones at the end, with an issue comment).
/**
 * One migration: SQL run in one transaction, or, when it rebuilds a table that others reference
 * (SQLite cannot change a column's constraints in place), SQL run with foreign keys off and
 * checked with `foreign_key_check` before it commits (SQLite's documented 12-step procedure);
 * or SQL that cannot run inside a transaction (VACUUM), run on its own.
 */
export type Migration = string | { sql: string; rebuildsTables: true } | { sql: string; outsideTransaction: true };

/** SQL for an ISO time floored to its 10 minutes (the coarse times of issue 15, as `coarseTime` makes them); NULL and what is no time stay as they are. */
const tenMinutes = (column: string) =>
  `CASE WHEN strftime('%M', ${column}) IS NULL THEN ${column} ELSE strftime('%Y-%m-%dT%H:', ${column}) || printf('%02d', (CAST(strftime('%M', ${column}) AS INTEGER) / 10) * 10) || ':00.000Z' END`;

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran. Never edit a
 * shipped migration: add a new one. No column holds an IP address, a user agent or plaintext.
 */
export const migrations: readonly Migration[] = [
  `
  CREATE TABLE organisation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    sign_public_key TEXT NOT NULL,
    created_at TEXT NOT NULL
  );

  CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('counselor', 'supervisor', 'admin')),
    kdf_salt TEXT NOT NULL,
    kdf_opslimit INTEGER NOT NULL,
    kdf_memlimit INTEGER NOT NULL,
    auth_hash TEXT NOT NULL,
    box_public_key TEXT NOT NULL,
    sign_public_key TEXT NOT NULL,
    wrapped_secret_keys TEXT NOT NULL,
    org_signature TEXT NOT NULL,
    capacity INTEGER NOT NULL DEFAULT 3,
    created_at TEXT NOT NULL
  );

  CREATE TABLE staff_session (
    token_hash TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );

  CREATE TABLE consultation (
    id TEXT PRIMARY KEY,
    client_token_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('waiting', 'active', 'ended')),
    campaign TEXT,
    urgent INTEGER NOT NULL DEFAULT 0,
    queued_at TEXT NOT NULL,
    assigned_staff_id TEXT REFERENCES staff(id),
    assigned_at TEXT,
    ended_at TEXT,
    end_reason TEXT,
    ended_by TEXT
  );
  CREATE INDEX consultation_waiting ON consultation(status, urgent DESC, queued_at);
  CREATE INDEX consultation_staff ON consultation(assigned_staff_id, status);

  CREATE TABLE key_grant (
    id INTEGER PRIMARY KEY,
    consultation_id TEXT NOT NULL REFERENCES consultation(id),
    staff_id TEXT NOT NULL REFERENCES staff(id),
    sealed_key TEXT NOT NULL,
    granted_by TEXT NOT NULL,
    granted_at TEXT NOT NULL
  );
  CREATE INDEX key_grant_lookup ON key_grant(consultation_id, staff_id);

  CREATE TABLE message (
    id INTEGER PRIMARY KEY,
    consultation_id TEXT NOT NULL REFERENCES consultation(id),
    sender_role TEXT NOT NULL CHECK (sender_role IN ('client', 'counselor')),
    sender_staff_id TEXT,
    seq INTEGER NOT NULL,
    nonce TEXT NOT NULL,
    ciphertext TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    UNIQUE (consultation_id, sender_role, seq)
  );
  `,
  // 2: resume codes — only a hash of the lookup value and the session key wrapped under the code.
  `
  CREATE TABLE resume_code (
    consultation_id TEXT PRIMARY KEY REFERENCES consultation(id),
    lookup_hash TEXT NOT NULL UNIQUE,
    wrapped_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  `,
  // 3: routing — requeue order, abandonment figures, chosen status, handover notes, read state.
  `
  ALTER TABLE consultation ADD COLUMN requeued_at TEXT;
  ALTER TABLE consultation ADD COLUMN wait_ms INTEGER;
  ALTER TABLE consultation ADD COLUMN abandon_cause TEXT;
  ALTER TABLE staff ADD COLUMN routing_status TEXT NOT NULL DEFAULT 'away' CHECK (routing_status IN ('available', 'away'));

  CREATE TABLE handover_note (
    id INTEGER PRIMARY KEY,
    consultation_id TEXT NOT NULL REFERENCES consultation(id),
    from_staff_id TEXT NOT NULL REFERENCES staff(id),
    to_staff_id TEXT REFERENCES staff(id),
    nonce TEXT NOT NULL,
    ciphertext TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX handover_note_consultation ON handover_note(consultation_id);

  CREATE TABLE read_mark (
    consultation_id TEXT NOT NULL REFERENCES consultation(id),
    staff_id TEXT NOT NULL REFERENCES staff(id),
    last_read_id INTEGER NOT NULL,
    PRIMARY KEY (consultation_id, staff_id)
  );
  `,
  // 4: the supervisors' board counts today's rows by these times.
  `
  CREATE INDEX consultation_assigned_at ON consultation(assigned_at);
  CREATE INDEX consultation_ended_at ON consultation(ended_at);
  `,
  // 5: transcripts are deleted after the retention period; the consultation row (times, campaign,
  // outcome) stays for the statistics, marked so the deletion does not visit it again.
  `
  ALTER TABLE consultation ADD COLUMN purged_at TEXT;
  `,
  // 6: the case record a counselor makes after a chat (DESIGN journey 2), for the fiscal-year
  // report. Words from closed lists only: no message content, nothing that names her. Topics are
  // rows of their own so the report counts them with plain SQL; no CHECK on the words, so a new
  // outcome or topic in shared/ needs no migration (the socket schema is what refuses others).
  // The retention purge leaves these tables alone: the record outlives the transcript.
  `
  CREATE TABLE case_record (
    consultation_id TEXT PRIMARY KEY REFERENCES consultation(id),
    staff_id TEXT NOT NULL REFERENCES staff(id),
    outcome TEXT NOT NULL,
    age_band TEXT,
    recorded_at TEXT NOT NULL
  );

  CREATE TABLE case_record_topic (
    consultation_id TEXT NOT NULL REFERENCES case_record(consultation_id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    PRIMARY KEY (consultation_id, topic)
  );

  CREATE INDEX consultation_queued_at ON consultation(queued_at);
  `,
  // 7: hand-off appointments (DESIGN "Hand-off"): the chat it came from, kind, time, reservation
  // code, status and the counselor who booked it — nothing that names her. A code has to be unique
  // only while it is booked, since that is when someone quotes it to be found: the partial index
  // enforces that, and a code may come back once its appointment is over, so the 6-character
  // space never fills up. The fiscal-year report counts hand-offs per consultation (the index on
  // consultation_id). Times are UTC ISO strings, so they sort and compare as text. No CHECK on
  // kind or status, like case_record: the socket schema is what refuses other words.
  `
  CREATE TABLE appointment (
    id TEXT PRIMARY KEY,
    consultation_id TEXT NOT NULL REFERENCES consultation(id),
    kind TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    code TEXT NOT NULL,
    status TEXT NOT NULL,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE UNIQUE INDEX appointment_booked_code ON appointment(code) WHERE status = 'booked';
  CREATE INDEX appointment_starts_at ON appointment(starts_at);
  CREATE INDEX appointment_consultation ON appointment(consultation_id);
  `,
  // 8: issue 13 — staff enrol in their own browsers and the organisation signs a statement about
  // their keys offline; the relay holds the org PUBLIC key only. The staff row gains its lifecycle
  // (invited → pending → active → disabled), key version, the signed statement (JSON, as the
  // browsers verify it), a hash of the one-time invitation token, and the Tokyo day of the last
  // sign-in (a day, never a time). Key and credential columns become NULL where the status has
  // none, so the table is rebuilt. Staff from before have keys signed the old, unversioned way:
  // they become 'invited' with no link, so an admin invites them again (a new enrolment), and
  // every old session ends. The revocation list is stored as the organisation signed it.
  {
    rebuildsTables: true,
    sql: `
  CREATE TABLE staff_v8 (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('counselor', 'supervisor', 'admin')),
    status TEXT NOT NULL CHECK (status IN ('invited', 'pending', 'active', 'disabled')),
    key_version INTEGER NOT NULL CHECK (key_version >= 1),
    kdf_salt TEXT,
    kdf_opslimit INTEGER,
    kdf_memlimit INTEGER,
    auth_hash TEXT,
    box_public_key TEXT,
    sign_public_key TEXT,
    wrapped_secret_keys TEXT,
    statement TEXT,
    invite_token_hash TEXT UNIQUE,
    invite_expires_at TEXT,
    last_sign_in_day TEXT,
    capacity INTEGER NOT NULL DEFAULT 3,
    routing_status TEXT NOT NULL DEFAULT 'away' CHECK (routing_status IN ('available', 'away')),
    created_at TEXT NOT NULL,
    -- Only an enrolled, not disabled, account has credentials (a disabled one's are wiped).
    CHECK ((status IN ('pending', 'active')) = (kdf_salt IS NOT NULL AND auth_hash IS NOT NULL AND wrapped_secret_keys IS NOT NULL)),
    CHECK (status = 'invited' OR (box_public_key IS NOT NULL AND sign_public_key IS NOT NULL)),
    CHECK ((status IN ('active', 'disabled')) = (statement IS NOT NULL)),
    CHECK (status = 'invited' OR invite_token_hash IS NULL)
  );
  INSERT INTO staff_v8 (id, username, display_name, role, status, key_version, capacity, routing_status, created_at)
    SELECT id, username, display_name, role, 'invited', 1, capacity, 'away', created_at FROM staff;
  DROP TABLE staff;
  ALTER TABLE staff_v8 RENAME TO staff;
  DELETE FROM staff_session;
  CREATE INDEX staff_session_staff ON staff_session(staff_id);

  CREATE TABLE revocation_list (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    issued_at INTEGER NOT NULL,
    signed TEXT NOT NULL,
    stored_at TEXT NOT NULL
  );

  -- A counter that moves whenever an account's lifecycle, a session's end or the list changes,
  -- whoever wrote it: a running relay reads it each second to act on what the admin CLI did
  -- beside it (a sign-in, a capacity or a status does not move it).
  CREATE TABLE staff_change (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
  INSERT INTO staff_change (id, n) VALUES (1, 0);
  CREATE TRIGGER staff_change_insert AFTER INSERT ON staff BEGIN UPDATE staff_change SET n = n + 1; END;
  CREATE TRIGGER staff_change_update AFTER UPDATE OF status, role, key_version, statement, auth_hash ON staff BEGIN UPDATE staff_change SET n = n + 1; END;
  CREATE TRIGGER staff_change_session AFTER DELETE ON staff_session BEGIN UPDATE staff_change SET n = n + 1; END;
  CREATE TRIGGER staff_change_list_insert AFTER INSERT ON revocation_list BEGIN UPDATE staff_change SET n = n + 1; END;
  CREATE TRIGGER staff_change_list_update AFTER UPDATE ON revocation_list BEGIN UPDATE staff_change SET n = n + 1; END;
  CREATE TRIGGER staff_change_list_delete AFTER DELETE ON revocation_list BEGIN UPDATE staff_change SET n = n + 1; END;
  `,
  },
  // 9: key epochs (issue 13). Her widget starts a new session key, epoch n + 1, whenever someone
  // new holds her chat, and each sender's seq starts again from 1 in every epoch: a message is one
  // per (consultation, sender role, key epoch, seq), and a re-send of the same one is answered,
  // not stored again. SQLite cannot change a table's UNIQUE constraint, so the message table is
  // built again with the same rows (all of them epoch 0: before this there was one key). A grant
  // is one per (consultation, staff member, epoch); of the grants before this (one key each),
  // the newest per staff member is kept, as it was the one read.
  `
  CREATE TABLE message_v9 (
    id INTEGER PRIMARY KEY,
    consultation_id TEXT NOT NULL REFERENCES consultation(id),
    sender_role TEXT NOT NULL CHECK (sender_role IN ('client', 'counselor')),
    sender_staff_id TEXT,
    key_epoch INTEGER NOT NULL CHECK (key_epoch >= 0),
    seq INTEGER NOT NULL,
    nonce TEXT NOT NULL,
    ciphertext TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    UNIQUE (consultation_id, sender_role, key_epoch, seq)
  );
  INSERT INTO message_v9 (id, consultation_id, sender_role, sender_staff_id, key_epoch, seq, nonce, ciphertext, sent_at)
    SELECT id, consultation_id, sender_role, sender_staff_id, 0, seq, nonce, ciphertext, sent_at FROM message;
  DROP TABLE message;
  ALTER TABLE message_v9 RENAME TO message;

  DELETE FROM key_grant WHERE id NOT IN (SELECT MAX(id) FROM key_grant GROUP BY consultation_id, staff_id);
  ALTER TABLE key_grant ADD COLUMN key_epoch INTEGER NOT NULL DEFAULT 0;
  CREATE UNIQUE INDEX key_grant_epoch ON key_grant(consultation_id, staff_id, key_epoch);
  `,
  // 10: campaigns come from a list the admin keeps (issue 14); a start naming one not on it (or
  // not active) is recorded as 'other', so a script cannot invent report columns. Names that
  // counselors already answered under are kept, active (the flyers in use); others are not.
  `
  CREATE TABLE campaign (
    name TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    active INTEGER NOT NULL CHECK (active IN (0, 1)),
    updated_at TEXT NOT NULL
  );
  INSERT INTO campaign (name, label, active, updated_at)
    SELECT DISTINCT campaign, campaign, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM consultation
    WHERE campaign IS NOT NULL AND campaign NOT IN ('web', 'other') AND assigned_at IS NOT NULL;
  `,
  // 11: secrets the relay makes for itself and keeps across restarts (issue 14): the key of the
  // decoy KDF salts handed out for unknown usernames, which must not change when the relay restarts.
  `
  CREATE TABLE server_secret (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
  );
  `,
  // 12: issue 15, the relay keeps less. Consultation and case-record times are kept to 10 minutes
  // (an active chat's assignment stays exact until it ends: the widget tells assignments apart by
  // it); the hand-off kinds a consultation led to are folded into its row when the retention purge
  // deletes its appointments; a case record past retention keeps no staff member and only its
  // month, so case_record is rebuilt with staff_id nullable.
  {
    rebuildsTables: true,
    sql: `
  ALTER TABLE consultation ADD COLUMN handoff_kinds TEXT;
  UPDATE consultation SET queued_at = ${tenMinutes('queued_at')}, requeued_at = ${tenMinutes('requeued_at')},
    ended_at = ${tenMinutes('ended_at')}, purged_at = ${tenMinutes('purged_at')};
  UPDATE consultation SET assigned_at = ${tenMinutes('assigned_at')} WHERE status = 'ended';
  UPDATE consultation SET client_token_hash = '' WHERE status = 'ended';
  DELETE FROM resume_code WHERE consultation_id IN (SELECT id FROM consultation WHERE status = 'ended');

  CREATE TABLE case_record_v12 (
    consultation_id TEXT PRIMARY KEY REFERENCES consultation(id),
    staff_id TEXT REFERENCES staff(id),
    outcome TEXT NOT NULL,
    age_band TEXT,
    recorded_at TEXT NOT NULL
  );
  INSERT INTO case_record_v12 (consultation_id, staff_id, outcome, age_band, recorded_at)
    SELECT consultation_id, staff_id, outcome, age_band, ${tenMinutes('recorded_at')} FROM case_record;
  DROP TABLE case_record;
  ALTER TABLE case_record_v12 RENAME TO case_record;
  `,
  },
  // 13: deleted means gone. Free pages are given back to the file system by an incremental vacuum
  // after each retention run; an existing file switches to auto_vacuum = INCREMENTAL only through
  // one full VACUUM (which also rewrites every page, so nothing deleted before survives in free pages).
  { outsideTransaction: true, sql: 'PRAGMA auto_vacuum = INCREMENTAL; VACUUM;' },
  // 14: issue 16 — the case log of consultations that did not start in the chat (phone, mail,
  // interview, remote). Closed-list words and a Tokyo day only, like case_record: nothing that
  // names her. (After 12: no reference to case_record, whose rebuild it does not touch.) Topics are a JSON array (the report counts them in the domain). A correction
  // replaces the fields in place (corrected_at says when); a withdrawal keeps the row, marked, so
  // the report leaves it out. No CHECK on the words: the socket schema refuses others.
  `
  CREATE TABLE case_log (
    id TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    channel TEXT NOT NULL,
    day TEXT NOT NULL,
    duration_band TEXT NOT NULL,
    contact TEXT NOT NULL,
    topics TEXT NOT NULL,
    outcome TEXT NOT NULL,
    age_band TEXT,
    recorded_at TEXT NOT NULL,
    corrected_at TEXT,
    withdrawn_at TEXT
  );
  CREATE INDEX case_log_day ON case_log(day);
  CREATE INDEX case_log_staff ON case_log(staff_id, recorded_at);
  `,
  // 15: issue 16 — the targets an admin sets for a fiscal year (home visits, accompaniments,
  // distribution sets, channel counts), which the year report sets its results against. One row
  // per year and key; a year's targets are replaced as a whole. handoff_done keeps, per fiscal
  // year and kind, how many done (済み) appointments the retention purge deleted (migration 12's
  // rule), so a year's home visits and accompaniments do not fall once their chats are purged.
  `
  CREATE TABLE fiscal_target (
    fiscal_year INTEGER NOT NULL,
    key TEXT NOT NULL,
    value INTEGER NOT NULL CHECK (value >= 0),
    PRIMARY KEY (fiscal_year, key)
  );
  CREATE TABLE handoff_done (
    fiscal_year INTEGER NOT NULL,
    kind TEXT NOT NULL,
    n INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (fiscal_year, kind)
  );
  `,
  // issue 16: outreach done, not just booked. One row per home visit or accompaniment that
  // happened: marked 済み on its appointment (appointment_id, one live row per appointment) or
  // logged without one (NULL). Closed-list words and a Tokyo day only, like case_log; withdrawn
  // rows stay, marked. The retention purge sets appointment_id NULL before it deletes the
  // appointment, so a visit keeps counting (and from here on it no longer tallies visit kinds in
  // handoff_done; the rows tallied before stay there and still count). Appointments already marked
  // done become visits with no duration band or agency (the report shows them as unknown).
  `
  CREATE TABLE outreach_visit (
    id TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    kind TEXT NOT NULL,
    day TEXT NOT NULL,
    duration_band TEXT,
    agency TEXT,
    appointment_id TEXT REFERENCES appointment(id),
    recorded_at TEXT NOT NULL,
    corrected_at TEXT,
    withdrawn_at TEXT
  );
  CREATE UNIQUE INDEX outreach_visit_appointment ON outreach_visit(appointment_id) WHERE appointment_id IS NOT NULL AND withdrawn_at IS NULL;
  CREATE INDEX outreach_visit_day ON outreach_visit(day);
  CREATE INDEX outreach_visit_staff ON outreach_visit(staff_id, recorded_at);
  INSERT INTO outreach_visit (id, staff_id, kind, day, appointment_id, recorded_at)
    SELECT 'v' || id, staff_id, kind, date(starts_at, '+9 hours'), id, updated_at FROM appointment
    WHERE status = 'done' AND kind IN ('outreach', 'accompaniment');
  `,
  // issue 16: a case-log entry may carry a free-text note sealed to the records key in the staff
  // member's browser (base64url of a padded crypto_box_seal): the relay stores the blob only.
  `
  ALTER TABLE case_log ADD COLUMN sealed_note TEXT;
  `,
  // issue 15: message times live inside the ciphertext (the body's writtenAt, sealed by the
  // sender's device); the relay keeps only the order (the row id). DROP COLUMN rewrites each row
  // without it (with secure_delete on, the old cells are zeroed); the column is in no index.
  'ALTER TABLE message DROP COLUMN sent_at;',
  // issue 16: distribution events (生理用品配布会) supervisors record. A day, one of Yamaguchi's
  // municipalities, the partner organisation (a group's name, never anyone who came), two counts
  // and the campaign its flyers carry: nothing about a woman. Corrections replace the fields in
  // place; a withdrawal keeps the row, marked, out of every count (like case_log). Municipality
  // and campaign are checked by the server (the closed list, the admin's list) before the write.
  `
  CREATE TABLE distribution_event (
    id TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL REFERENCES staff(id),
    day TEXT NOT NULL,
    municipality TEXT NOT NULL,
    partner TEXT NOT NULL,
    sets INTEGER NOT NULL CHECK (sets >= 0),
    flyers INTEGER NOT NULL CHECK (flyers >= 0),
    campaign TEXT REFERENCES campaign(name),
    recorded_at TEXT NOT NULL,
    corrected_at TEXT,
    withdrawn_at TEXT
  );
  CREATE INDEX distribution_event_day ON distribution_event(day);
  CREATE INDEX consultation_campaign ON consultation(campaign, queued_at);
  `,
  // issue 16: the calendar. An appointment gets its end (exclusive), so one counselor's bookings
  // can be kept from overlapping; those booked before have the default hour. overridden_by names
  // the supervisor who booked outside the hours, on a holiday or a closure day. The index serves
  // the overlap check, made inside the inserting transaction.
  `
  ALTER TABLE appointment ADD COLUMN ends_at TEXT;
  UPDATE appointment SET ends_at = strftime('%Y-%m-%dT%H:%M:%fZ', starts_at, '+60 minutes');
  ALTER TABLE appointment ADD COLUMN overridden_by TEXT REFERENCES staff(id);
  CREATE INDEX appointment_staff_starts ON appointment(staff_id, starts_at);
  `,
  // issue 16: the demand that went unserved, as plain per-day counters: widget openings, starts
  // tried while closed, starts the limits refused. A Tokyo day, a kind and a number: no identifier,
  // no time of day, so nothing here is personal data and retention does not touch it.
  `
  CREATE TABLE demand_day (
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    n INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (day, kind)
  ) WITHOUT ROWID;
  `,
  // issue 16: the program's settings an admin changes in the console (hours, closure days,
  // retention, the long-wait alert, offer timeout, grace periods), one row of JSON checked by the
  // protocol's schema on the way in. Seeded from the environment on the first start only.
  `
  CREATE TABLE program_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    settings TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // issue 17: a counselor's capacity written straight to the database (by an operator, a tool, or
  // any writer but routing) moves the staff change counter too, so every running relay's routing
  // reads it again within a poll (CounselorPresence.capacitiesFromDatabase) instead of offering by
  // the old capacity until a restart.
  `
  CREATE TRIGGER staff_change_capacity AFTER UPDATE OF capacity ON staff BEGIN UPDATE staff_change SET n = n + 1; END;
  `,
  // issue 17 (report decision): whether a counselor ever took her up, kept whatever became of the
  // chat. The fiscal-year report counts such a consultation as answered (対応済み) even when it
  // went back to the queue and she then left; assigned_at says only who holds it now, and
  // requeued_at goes at the retention purge. Rows from before: taken when held or requeued.
  `
  ALTER TABLE consultation ADD COLUMN taken INTEGER NOT NULL DEFAULT 0;
  UPDATE consultation SET taken = 1 WHERE assigned_at IS NOT NULL OR requeued_at IS NOT NULL;
  `,
  // issue 17: an appointment's change counter. A status change is written only over the version
  // it was planned from (AppointmentRepository.change), so two nodes (or a node and the CLI)
  // changing one appointment at once cannot interleave; the one planned from a stale read retries.
  `
  ALTER TABLE appointment ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
  `,
];
