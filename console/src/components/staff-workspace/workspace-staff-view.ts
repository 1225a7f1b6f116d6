import type { CampaignSavePayload } from '@tsunagari/shared';
import { html, type TemplateResult } from 'lit';
import type { FlyerOpenEvent } from '../../events/flyer-open.event.js';
import type { WorkspaceView } from '../../events/view-change.event.js';
import { ja } from '../../i18n/ja.js';
import type { ProgramSettingsController } from '../../services/program-settings.controller.js';
import type { StaffAdminController } from '../../services/staff-admin.controller.js';
import type { StaffSocketController } from '../../services/staff-socket.controller.js';
import type { WorkspaceContext } from '../../services/workspace-context.js';
import '../campaign-admin/campaign-admin.js';
import '../settings-form/settings-form.js';
import '../staff-admin/staff-admin.js';

/** What the staff screen reads: the workspace's controllers and the config's landing URL. */
export interface StaffViewParts {
  readonly ctx: WorkspaceContext;
  readonly socket: StaffSocketController;
  readonly staffAdmin: StaffAdminController;
  readonly program: ProgramSettingsController;
  /** The config's landing URL template (what flyers' QR codes open); empty: no flyers. */
  landingUrl(): string;
}

/**
 * The admins' staff screen: enrolments, the campaigns with their flyers, and the program's settings.
 * Rendered into the workspace's own shadow root, like every view.
 */
export class WorkspaceStaffView {
  constructor(private readonly p: StaffViewParts) {}

  /** The admin's campaign list (stable functions, as for the report). */
  readonly loadCampaigns = () => this.p.socket.request('campaign:list', {});
  readonly saveCampaign = (c: CampaignSavePayload) => this.p.socket.request('campaign:save', c);

  /** Opened: enrolments are not pushed, so the staff screen reads the directory (and the campaigns) each time. */
  opened(root: ParentNode): void {
    void this.p.staffAdmin.load();
    void root.querySelector('tsg-campaign-admin')?.reload();
  }

  /** A campaign's flyer: its code and page load only now (flyer-print.ts). */
  private readonly onFlyerOpen = (e: FlyerOpenEvent): void => {
    const opener = e.composedPath()[0];
    void (async () => {
      // The hours in force now, as the relay applies them (an admin may just have changed them).
      const [{ openFlyer }, program] = await Promise.all([import('../../services/flyer-print.js'), this.p.program.load()]);
      if (!program.ok) throw new Error(program.error);
      const { settings, contacts } = program.data;
      await openFlyer({ ...e.detail, landingTemplate: this.p.landingUrl(), hours: settings.hours, contacts, returnFocus: opener instanceof HTMLElement ? opener : null });
    })().catch(() => this.p.ctx.announce(ja.campaigns.flyerFailed));
  };

  render(shown: WorkspaceView | null): TemplateResult {
    const { staffAdmin } = this.p;
    const program = this.p.program.program;
    return html`<div class="view scroll" ?hidden=${shown !== 'staff'}>
      <tsg-staff-admin
        @tsg-staff-reload=${() => void staffAdmin.load()}
        .rows=${staffAdmin.rows}
        .invite=${staffAdmin.invite}
        .activate=${staffAdmin.activate}
        .renew=${staffAdmin.renew}
        .disable=${staffAdmin.disable}
        .list=${staffAdmin.list}
        .republish=${staffAdmin.republish}
      ></tsg-staff-admin>
      <tsg-campaign-admin .load=${this.loadCampaigns} .save=${this.saveCampaign} ?flyers=${this.p.landingUrl() !== ''} @tsg-flyer-open=${this.onFlyerOpen}></tsg-campaign-admin>
      <tsg-settings-form .settings=${program?.settings ?? null} .contacts=${program?.contacts ?? null} .save=${this.p.program.save}></tsg-settings-form>
    </div>`;
  }
}
