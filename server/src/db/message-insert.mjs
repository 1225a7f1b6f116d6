// How a message row is stored: the one definition shared by the server's own connection and the
// message writer thread. Plain JavaScript because a worker thread runs it without a TypeScript loader.

/**
 * Prepares a function that stores a batch of messages in one transaction. Each result says
 * whether the row was created; when the same (consultation, sender, seq) already existed, the
 * existing row comes back instead, so a re-send is answered with the message first stored.
 */
export function prepareMessageInsert(db) {
  const insert = db.prepare(`INSERT INTO message (consultation_id, sender_role, sender_staff_id, seq, nonce, ciphertext, sent_at)
    VALUES (@consultationId, @senderRole, @senderStaffId, @seq, @nonce, @ciphertext, @sentAt)
    ON CONFLICT (consultation_id, sender_role, seq) DO NOTHING`);
  const bySeq = db.prepare('SELECT * FROM message WHERE consultation_id = ? AND sender_role = ? AND seq = ?');
  const one = (m) => {
    const info = insert.run(m);
    if (info.changes === 1) return { id: Number(info.lastInsertRowid), existing: null };
    return { id: null, existing: bySeq.get(m.consultationId, m.senderRole, m.seq) };
  };
  return db.transaction((batch) => batch.map(one));
}
