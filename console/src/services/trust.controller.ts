import { fetchRevocations } from './auth-api.js';
import { type WorkspaceContext, WorkspacePart } from './workspace-context.js';

/**
 * Keeps the console's revocation list current: fetched again on every `trust:changed` push and
 * after a reconnect (a push may have been missed), verified against the pinned key and kept only
 * when newer (StaffTrust.acceptList). `changed` lets the admin's directory check its rows again.
 */
export class TrustController extends WorkspacePart {
  constructor(
    ctx: WorkspaceContext,
    private readonly relayUrl: () => string,
    private readonly changed: () => void,
  ) {
    super(ctx);
    ctx.socket.listen(ctx.host, { 'trust:changed': () => void this.refresh() });
  }

  /** Fetches the published list; a list that does not verify, or is older, changes nothing. */
  async refresh(): Promise<void> {
    const res = await fetchRevocations(this.relayUrl());
    if (res.ok) this.ctx.trust().acceptList(res.data);
    this.changed();
  }
}
