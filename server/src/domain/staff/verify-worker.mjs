// Checks staff auth keys against their Argon2id hashes on a thread of its own, so a login never
// holds the relay's event loop (every socket waits while the loop is busy). Plain JavaScript on
// purpose: a worker thread does not inherit the TypeScript loader the server may run under.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import sodium from 'libsodium-wrappers-sumo';

/** Linux niceness of this thread: above the relay's 0, so its chat traffic comes first. */
const VERIFY_NICE = 10;
// A login flood's checks (each Argon2id run tens of milliseconds of a core) gave way to nothing on
// a 2-core relay: under attack they took CPU the women's messages were waiting for. On Linux each
// thread has its own nice value (setpriority on the thread's id): this one now yields to the
// relay's event loop when both want a core, and a login takes a little longer only while the
// machine is busy. Elsewhere, or where it is not allowed, the thread keeps the relay's priority.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (tid > 0) setPriority(tid, VERIFY_NICE);
} catch {
  // not Linux, or not permitted: nothing changes
}

await sodium.ready;
// Tests only: a shared gate that holds each job until the test opens it ([0] = 1), and tells the
// test through [1] that a job has arrived, so a test can see the loop answer while one is held.
const gate = workerData?.gate ? new Int32Array(workerData.gate) : null;

parentPort.on('message', ({ id, hash, presented }) => {
  if (gate) {
    Atomics.add(gate, 1, 1);
    Atomics.notify(gate, 1);
    Atomics.wait(gate, 0, 0);
  }
  let ok = false;
  try {
    ok = sodium.crypto_pwhash_str_verify(hash, presented);
  } catch {
    ok = false; // a malformed stored hash never matches
  }
  parentPort.postMessage({ id, ok });
});
parentPort.postMessage({ ready: true });
