import type { CounselorState } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import type { OfferState } from '../../state/chats.js';
import { shortLabel } from '../../state/queue.js';
import { focused } from '../../test/focus.js';
import type { TsgRoutingPanel } from './routing-panel.component.js';
import './routing-panel.js';

const me = { staffId: 'sato', displayName: '佐藤', status: 'available', load: 0, capacity: 3 } as CounselorState;
const offer = (consultationId: string): OfferState => ({
  consultationId,
  urgent: false,
  requeued: false,
  queuedAt: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 60_000).toISOString(),
});
const first = offer('a'.repeat(22));
const second = offer('b'.repeat(22));

/** Her status and offers; an accept marks its offer as being accepted, as the workspace does. */
async function mount(offers: OfferState[]): Promise<TsgRoutingPanel> {
  const panel = document.createElement('tsg-routing-panel');
  Object.assign(panel, { me, offers });
  panel.addEventListener('tsg-offer-accept', (e) => (panel.acceptingId = e.detail.consultationId));
  document.body.append(panel);
  await panel.updateComplete;
  return panel;
}

const acceptButton = (o: OfferState) => page.getByRole('button', { name: ja.offers.label(ja.chat.title(shortLabel(o.consultationId))) });

/** She presses 「引き受ける」 by keyboard; every offer's button is disabled while the relay answers. */
async function accept(o: OfferState): Promise<void> {
  (acceptButton(o).element() as HTMLElement).focus();
  await userEvent.keyboard('{Enter}');
  await expect.element(acceptButton(o)).toBeDisabled();
}

/** The answer the workspace gives the panel: the offer is gone either way, a refusal says why. */
function refuse(panel: TsgRoutingPanel, o: OfferState): void {
  Object.assign(panel, { acceptingId: null, offers: panel.offers.filter((x) => x !== o), error: ja.errors.INVALID_STATE });
}

/**
 * An offer leaves the list once answered (and when its time runs out), taking her focus with its
 * button: it goes to the next offer, or to her own status when none is left — never to the top of
 * the page. An accepted offer opens the chat, which moves the focus itself (the queue's test
 * shows the list leaving that alone).
 */
describe('the offers keep her keyboard', () => {
  afterEach(() => document.body.replaceChildren());

  it('a refused accept hands the focus to the next offer, with the reason read out', async () => {
    const panel = await mount([first, second]);
    await accept(first);
    refuse(panel, first);
    await expect.element(page.getByRole('alert')).toHaveTextContent(ja.errors.INVALID_STATE);
    await expect.poll(() => focused()?.getAttribute('data-row')).toBe(second.consultationId);
  });

  it('with no offer left, the focus goes to her status, beside the reason', async () => {
    const panel = await mount([first]);
    await accept(first);
    refuse(panel, first);
    await expect.element(page.getByRole('heading', { name: ja.offers.heading })).not.toBeInTheDocument();
    await expect.poll(() => (focused() as HTMLInputElement | null)?.value).toBe('available');
  });

  it('an offer withdrawn while she is on its button hands the focus to the next one', async () => {
    const panel = await mount([first, second]);
    (acceptButton(first).element() as HTMLElement).focus();
    panel.offers = [second];
    await expect.poll(() => focused()?.getAttribute('data-row')).toBe(second.consultationId);
  });
});

/**
 * Her status: the radio she pressed stays chosen while the relay has not answered, even when
 * something else re-draws the panel meanwhile (another push, her load); a refusal puts the
 * server's status back beside the reason.
 */
describe('her status while its change is on its way', () => {
  afterEach(() => document.body.replaceChildren());

  const away = { ...me, status: 'away' } as CounselorState;
  const radio = (name: string) => page.getByRole('radio', { name });

  /** The panel with her away, answering a change as the workspace does: pending until told. */
  async function mountAway(): Promise<TsgRoutingPanel> {
    const panel = document.createElement('tsg-routing-panel');
    Object.assign(panel, { me: away, offers: [] });
    panel.addEventListener('tsg-status-change', (e) => (panel.pendingStatus = e.detail.status));
    document.body.append(panel);
    await panel.updateComplete;
    return panel;
  }

  it('the chosen status stays chosen through a re-draw before the answer', async () => {
    const panel = await mountAway();
    await userEvent.click(radio(ja.status.available));
    panel.me = { ...away, load: 1 };
    await panel.updateComplete;
    await expect.element(radio(ja.status.available)).toBeChecked();
    Object.assign(panel, { pendingStatus: null, me: { ...me, load: 1 } });
    await panel.updateComplete;
    await expect.element(radio(ja.status.available)).toBeChecked();
  });

  it('a refused change shows the status the server holds, and why', async () => {
    const panel = await mountAway();
    await userEvent.click(radio(ja.status.available));
    await expect.element(radio(ja.status.available)).toBeChecked();
    Object.assign(panel, { pendingStatus: null, error: ja.status.changeFailed });
    await panel.updateComplete;
    await expect.element(radio(ja.status.away)).toBeChecked();
    await expect.element(page.getByRole('alert')).toHaveTextContent(ja.status.changeFailed);
  });
});
