import type { ProgramContacts, ProgramSettings, SettingsView } from '@tsunagari/shared';
import type { RequestResult } from '@tsunagari/shared/client';
import type { WorkspaceContext } from './workspace-context.js';

/**
 * The program's settings in force (hours, the long-wait alert, …) and its phone and mail, as the
 * relay applies them: read after every (re)connect, followed at once when an admin saves them
 * (`settings:changed`), and saved by admins. A plain class, like CalendarController: its one
 * lifecycle is its subscription.
 */
export class ProgramSettingsController {
  /** Null until the relay answered once. */
  program: SettingsView | null = null;

  constructor(private readonly ctx: WorkspaceContext) {
    // An admin saved the program's settings: the board's alert follows at once.
    ctx.socket.listen(ctx.host, { 'settings:changed': (view) => this.apply(view) });
  }

  /** Reads the settings in force now; the answer is also kept for the board and the settings form. */
  async load(): Promise<RequestResult<SettingsView>> {
    const res = await this.ctx.socket.request('settings:get', {});
    if (res.ok) this.apply(res.data);
    return res;
  }

  /** Admins: the program's settings, applied by the relay at once. */
  readonly save = async (settings: ProgramSettings, contacts: ProgramContacts): Promise<RequestResult<SettingsView>> => {
    const res = await this.ctx.socket.request('settings:save', { settings, contacts });
    if (res.ok) this.apply(res.data);
    return res;
  };

  private apply(view: SettingsView): void {
    this.program = view;
    this.ctx.host.requestUpdate();
  }
}
