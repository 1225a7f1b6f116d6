import { TsgCampaignAdmin } from './campaign-admin.component.js';

export { TsgCampaignAdmin };

customElements.define('tsg-campaign-admin', TsgCampaignAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'tsg-campaign-admin': TsgCampaignAdmin;
  }
}
