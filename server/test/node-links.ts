import { clientSocket, connected, type TestServer } from './harness.js';

/**
 * The adapter starts reading the stream a moment after it is made, and says nothing when it has:
 * `from` emits to a room only `to` holds until `to` hears it, so what the test emits next is read.
 */
export async function linked(from: TestServer, to: TestServer): Promise<void> {
  const probe = clientSocket(to);
  try {
    await connected(probe);
    to.app.io.sockets.sockets.get(probe.id ?? '')?.join('probe');
    let heard = false;
    probe.on('trust:changed', () => void (heard = true));
    while (!heard) {
      from.app.io.to('probe').emit('trust:changed', {});
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    probe.disconnect();
  }
}

/**
 * Resolves once the node's routing has run its `absence.offline` once more (a woman's last socket
 * there went: her grace or away timer is set on that node). Asked before she drops.
 */
export function nextClientOffline(server: TestServer): Promise<void> {
  const { absence } = server.app.services.routing;
  const clientOffline = absence.offline.bind(absence);
  return new Promise<void>((resolve) => {
    absence.offline = async (id) => {
      await clientOffline(id);
      resolve();
    };
  });
}
