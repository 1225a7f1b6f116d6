/**
 * One sender's events about one consultation take effect in the order they arrived: they run
 * one after another through a `KeyedSerial` (`domain/routing/serial.ts`) under this key.
 *
 * A handler reads before it writes (the consultation, the flood budget), and those reads take
 * different times: on PostgreSQL each is a pool query, answered in any order. Without this, a
 * burst from one socket — her outbox sent again after a reconnect — was stored out of the order
 * she wrote it (seq 10 before seq 4), the flood limit refused messages from its middle, and her
 * "end" could overtake her last message. Even on SQLite her intake, which skips the flood budget's
 * await, overtook the messages sent just before it. A message lets the next go once it is queued
 * for its turn's commit, so a burst still commits in one transaction. Keys are per socket and
 * consultation, so a counselor's chats never wait for each other.
 */
export function arrivalKey(socketId: string, consultationId: string): string {
  return `${socketId}\u0000${consultationId}`;
}
