// Checks staff auth keys against their Argon2id hashes on a thread of its own, so a login never
// holds the relay's event loop (every socket waits while the loop is busy). Plain JavaScript on
// purpose: a worker thread does not inherit the TypeScript loader the server may run under.
import { parentPort, workerData } from 'node:worker_threads';
import sodium from 'libsodium-wrappers-sumo';

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
