// Over 300 lines on purpose: PostgreSQL's schema history, one migration after another in the
// order they ran and never edited once shipped, beside the few lines that run them; it stays one
// append-only list (new ones at the end, with an issue comment), as server/src/db/migrations.ts.
import type { Pool, PoolClient } from 'pg';
import { inTransaction, one } from './pool.js';

/**
 * Text compared byte by byte, as SQLite's BINARY collation does. Times are stored as the same UTC
 * ISO strings SQLite holds (not timestamptz): the domain reads back exactly the strings it wrote,
 * the retention purge keeps only a case record's month ('YYYY-MM', no instant), and the queries
 * compare and order times as text. Under a locale collation ('en_US.UTF-8', a common default)
 * punctuation weighs differently; "C" keeps ISO text ordering as time whatever the database's locale.
 */
const T = 'TEXT COLLATE "C"';

/**
 * SQLite's implicit rowid, where the code orders by it (insertion order: women who came within the
 * same ten minutes, entries of one day). The schema-twin test treats this column as SQLite's rowid.
 */
const ROWID = 'rowid BIGINT GENERATED ALWAYS AS IDENTITY';

/**
 * PostgreSQL's twin of server/src/db/migrations.ts: the schema that list ends with, built anew
 * (a PostgreSQL database starts empty, so SQLite's rebuilds and data back-fills have no twin).
 * Numbered from 1 in `schema_migrations`; never edit a shipped entry: append one, and append the
 * SQLite one beside it (the schema-twin test fails until both exist). Integers are BIGINT (the
 * pool reads them back as numbers); ids SQLite allots (message, key_grant, handover_note) come
 * from identity columns, which only increase.
 */
export const pgMigrations: readonly string[] = [
  `
  CREATE TABLE organisation (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    name ${T} NOT NULL,
    sign_public_key ${T} NOT NULL,
    created_at ${T} NOT NULL
  );

  CREATE TABLE staff (
    id ${T} PRIMARY KEY,
    ${ROWID},
    username ${T} NOT NULL UNIQUE,
    display_name ${T} NOT NULL,
    role ${T} NOT NULL CHECK (role IN ('counselor', 'supervisor', 'admin')),
    status ${T} NOT NULL CHECK (status IN ('invited', 'pending', 'active', 'disabled')),
    key_version BIGINT NOT NULL CHECK (key_version >= 1),
    kdf_salt ${T},
    kdf_opslimit BIGINT,
    kdf_memlimit BIGINT,
    auth_hash ${T},
    box_public_key ${T},
    sign_public_key ${T},
    wrapped_secret_keys ${T},
    statement ${T},
    invite_token_hash ${T} UNIQUE,
    invite_expires_at ${T},
    last_sign_in_day ${T},
    capacity BIGINT NOT NULL DEFAULT 3,
    routing_status ${T} NOT NULL DEFAULT 'away' CHECK (routing_status IN ('available', 'away')),
    created_at ${T} NOT NULL,
    CHECK ((status IN ('pending', 'active')) = (kdf_salt IS NOT NULL AND auth_hash IS NOT NULL AND wrapped_secret_keys IS NOT NULL)),
    CHECK (status = 'invited' OR (box_public_key IS NOT NULL AND sign_public_key IS NOT NULL)),
    CHECK ((status IN ('active', 'disabled')) = (statement IS NOT NULL)),
    CHECK (status = 'invited' OR invite_token_hash IS NULL)
  );

  CREATE TABLE staff_session (
    token_hash ${T} PRIMARY KEY,
    staff_id ${T} NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    created_at ${T} NOT NULL,
    expires_at ${T} NOT NULL
  );
  CREATE INDEX staff_session_staff ON staff_session(staff_id);

  CREATE TABLE revocation_list (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    issued_at BIGINT NOT NULL,
    signed ${T} NOT NULL,
    stored_at ${T} NOT NULL
  );

  -- The counter SQLite's migration 8 keeps with triggers: it moves whenever an account's
  -- lifecycle, a session's end or the list changes, whoever wrote it. Deferred to the commit: the
  -- one counter row is then locked last, after every row a transaction changes (a disable and a
  -- sign-out at once cannot deadlock on it), and a reader never sees it move before the change.
  CREATE TABLE staff_change (id BIGINT PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL);
  INSERT INTO staff_change (id, n) VALUES (1, 0);
  CREATE FUNCTION staff_change_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN UPDATE staff_change SET n = n + 1; RETURN NULL; END $$;
  CREATE CONSTRAINT TRIGGER staff_change_insert AFTER INSERT ON staff DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION staff_change_bump();
  CREATE CONSTRAINT TRIGGER staff_change_update AFTER UPDATE OF status, role, key_version, statement, auth_hash ON staff DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION staff_change_bump();
  CREATE CONSTRAINT TRIGGER staff_change_session AFTER DELETE ON staff_session DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION staff_change_bump();
  CREATE CONSTRAINT TRIGGER staff_change_list AFTER INSERT OR UPDATE OR DELETE ON revocation_list DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION staff_change_bump();

  CREATE TABLE consultation (
    id ${T} PRIMARY KEY,
    ${ROWID},
    client_token_hash ${T} NOT NULL,
    status ${T} NOT NULL CHECK (status IN ('waiting', 'active', 'ended')),
    campaign ${T},
    urgent BIGINT NOT NULL DEFAULT 0,
    queued_at ${T} NOT NULL,
    assigned_staff_id ${T} REFERENCES staff(id),
    assigned_at ${T},
    ended_at ${T},
    end_reason ${T},
    ended_by ${T},
    requeued_at ${T},
    wait_ms BIGINT,
    abandon_cause ${T},
    purged_at ${T},
    handoff_kinds ${T}
  );
  CREATE INDEX consultation_waiting ON consultation(status, urgent DESC, queued_at);
  CREATE INDEX consultation_staff ON consultation(assigned_staff_id, status);
  CREATE INDEX consultation_assigned_at ON consultation(assigned_at);
  CREATE INDEX consultation_ended_at ON consultation(ended_at);
  CREATE INDEX consultation_queued_at ON consultation(queued_at);

  CREATE TABLE key_grant (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consultation_id ${T} NOT NULL REFERENCES consultation(id),
    staff_id ${T} NOT NULL REFERENCES staff(id),
    sealed_key ${T} NOT NULL,
    granted_by ${T} NOT NULL,
    granted_at ${T} NOT NULL,
    key_epoch BIGINT NOT NULL DEFAULT 0
  );
  CREATE INDEX key_grant_lookup ON key_grant(consultation_id, staff_id);
  CREATE UNIQUE INDEX key_grant_epoch ON key_grant(consultation_id, staff_id, key_epoch);

  CREATE TABLE message (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consultation_id ${T} NOT NULL REFERENCES consultation(id),
    sender_role ${T} NOT NULL CHECK (sender_role IN ('client', 'counselor')),
    sender_staff_id ${T},
    key_epoch BIGINT NOT NULL CHECK (key_epoch >= 0),
    seq BIGINT NOT NULL,
    nonce ${T} NOT NULL,
    ciphertext ${T} NOT NULL,
    UNIQUE (consultation_id, sender_role, key_epoch, seq)
  );

  CREATE TABLE resume_code (
    consultation_id ${T} PRIMARY KEY REFERENCES consultation(id),
    lookup_hash ${T} NOT NULL UNIQUE,
    wrapped_key ${T} NOT NULL,
    created_at ${T} NOT NULL,
    expires_at ${T} NOT NULL
  );

  CREATE TABLE handover_note (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consultation_id ${T} NOT NULL REFERENCES consultation(id),
    from_staff_id ${T} NOT NULL REFERENCES staff(id),
    to_staff_id ${T} REFERENCES staff(id),
    nonce ${T} NOT NULL,
    ciphertext ${T} NOT NULL,
    created_at ${T} NOT NULL
  );
  CREATE INDEX handover_note_consultation ON handover_note(consultation_id);

  CREATE TABLE read_mark (
    consultation_id ${T} NOT NULL REFERENCES consultation(id),
    staff_id ${T} NOT NULL REFERENCES staff(id),
    last_read_id BIGINT NOT NULL,
    PRIMARY KEY (consultation_id, staff_id)
  );

  CREATE TABLE case_record (
    consultation_id ${T} PRIMARY KEY REFERENCES consultation(id),
    staff_id ${T} REFERENCES staff(id),
    outcome ${T} NOT NULL,
    age_band ${T},
    recorded_at ${T} NOT NULL
  );
  CREATE TABLE case_record_topic (
    consultation_id ${T} NOT NULL REFERENCES case_record(consultation_id) ON DELETE CASCADE,
    topic ${T} NOT NULL,
    PRIMARY KEY (consultation_id, topic)
  );

  CREATE TABLE appointment (
    id ${T} PRIMARY KEY,
    ${ROWID},
    consultation_id ${T} NOT NULL REFERENCES consultation(id),
    kind ${T} NOT NULL,
    starts_at ${T} NOT NULL,
    ends_at ${T},
    code ${T} NOT NULL,
    status ${T} NOT NULL,
    staff_id ${T} NOT NULL REFERENCES staff(id),
    overridden_by ${T} REFERENCES staff(id),
    created_at ${T} NOT NULL,
    updated_at ${T} NOT NULL
  );
  CREATE UNIQUE INDEX appointment_booked_code ON appointment(code) WHERE status = 'booked';
  CREATE INDEX appointment_starts_at ON appointment(starts_at);
  CREATE INDEX appointment_consultation ON appointment(consultation_id);
  CREATE INDEX appointment_staff_starts ON appointment(staff_id, starts_at);

  CREATE TABLE campaign (
    name ${T} PRIMARY KEY,
    label ${T} NOT NULL,
    active BIGINT NOT NULL CHECK (active IN (0, 1)),
    updated_at ${T} NOT NULL
  );

  CREATE TABLE server_secret (
    name ${T} PRIMARY KEY,
    value BYTEA NOT NULL
  );

  CREATE TABLE case_log (
    id ${T} PRIMARY KEY,
    ${ROWID},
    staff_id ${T} NOT NULL REFERENCES staff(id),
    channel ${T} NOT NULL,
    day ${T} NOT NULL,
    duration_band ${T} NOT NULL,
    contact ${T} NOT NULL,
    topics ${T} NOT NULL,
    outcome ${T} NOT NULL,
    age_band ${T},
    recorded_at ${T} NOT NULL,
    corrected_at ${T},
    withdrawn_at ${T},
    sealed_note ${T}
  );
  CREATE INDEX case_log_day ON case_log(day);
  CREATE INDEX case_log_staff ON case_log(staff_id, recorded_at);

  CREATE TABLE fiscal_target (
    fiscal_year BIGINT NOT NULL,
    key ${T} NOT NULL,
    value BIGINT NOT NULL CHECK (value >= 0),
    PRIMARY KEY (fiscal_year, key)
  );
  CREATE TABLE handoff_done (
    fiscal_year BIGINT NOT NULL,
    kind ${T} NOT NULL,
    n BIGINT NOT NULL CHECK (n >= 0),
    PRIMARY KEY (fiscal_year, kind)
  );

  CREATE TABLE outreach_visit (
    id ${T} PRIMARY KEY,
    ${ROWID},
    staff_id ${T} NOT NULL REFERENCES staff(id),
    kind ${T} NOT NULL,
    day ${T} NOT NULL,
    duration_band ${T},
    agency ${T},
    appointment_id ${T} REFERENCES appointment(id),
    recorded_at ${T} NOT NULL,
    corrected_at ${T},
    withdrawn_at ${T}
  );
  CREATE UNIQUE INDEX outreach_visit_appointment ON outreach_visit(appointment_id) WHERE appointment_id IS NOT NULL AND withdrawn_at IS NULL;
  CREATE INDEX outreach_visit_day ON outreach_visit(day);
  CREATE INDEX outreach_visit_staff ON outreach_visit(staff_id, recorded_at);

  CREATE TABLE distribution_event (
    id ${T} PRIMARY KEY,
    ${ROWID},
    staff_id ${T} NOT NULL REFERENCES staff(id),
    day ${T} NOT NULL,
    municipality ${T} NOT NULL,
    partner ${T} NOT NULL,
    sets BIGINT NOT NULL CHECK (sets >= 0),
    flyers BIGINT NOT NULL CHECK (flyers >= 0),
    campaign ${T} REFERENCES campaign(name),
    recorded_at ${T} NOT NULL,
    corrected_at ${T},
    withdrawn_at ${T}
  );
  CREATE INDEX distribution_event_day ON distribution_event(day);
  CREATE INDEX consultation_campaign ON consultation(campaign, queued_at);

  CREATE TABLE demand_day (
    day ${T} NOT NULL,
    kind ${T} NOT NULL,
    n BIGINT NOT NULL CHECK (n >= 0),
    PRIMARY KEY (day, kind)
  );

  CREATE TABLE program_settings (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    settings ${T} NOT NULL,
    updated_at ${T} NOT NULL
  );
  `,
  // issue 17: a counselor's capacity written straight to the database moves the staff change
  // counter too (twin of SQLite's migration of the same issue).
  `
  CREATE CONSTRAINT TRIGGER staff_change_capacity AFTER UPDATE OF capacity ON staff DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION staff_change_bump();
  `,
  // issue 17 (report decision): whether a counselor ever took her up (twin of SQLite's).
  `
  ALTER TABLE consultation ADD COLUMN taken BIGINT NOT NULL DEFAULT 0;
  UPDATE consultation SET taken = 1 WHERE assigned_at IS NOT NULL OR requeued_at IS NOT NULL;
  `,
  // issue 17: an appointment's change counter (the twin of SQLite's; AppointmentRepository.change).
  `
  ALTER TABLE appointment ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
  `,
];

/** The advisory lock every node takes to migrate: the first applies, the others wait and find nothing left. */
const MIGRATION_LOCK = 1_700_017;

/**
 * Applies the migrations not yet applied, all in one transaction under a transaction-scoped
 * advisory lock, so two nodes starting at once apply each exactly once (the second waits for the
 * first's commit, then reads the versions it recorded). Returns how many this call applied.
 */
export async function migratePg(pool: Pool, list: readonly string[] = pgMigrations): Promise<number> {
  return inTransaction(pool, (client) => applyPgMigrations(client, list));
}

/**
 * {@link migratePg}'s work inside a transaction the caller holds (the move from SQLite migrates
 * and fills an empty database in one transaction): the advisory lock, then what is missing.
 */
export async function applyPgMigrations(client: PoolClient, list: readonly string[] = pgMigrations): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const current = ((await one(client, 'SELECT MAX(version) AS v FROM schema_migrations'))?.v as number | null) ?? 0;
  for (let i = current; i < list.length; i++) {
    await client.query(list[i] as string);
    await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [i + 1, new Date().toISOString()]);
  }
  return list.length - current;
}
