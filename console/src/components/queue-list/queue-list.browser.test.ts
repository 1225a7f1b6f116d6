import type { QueueEntry } from '@tsunagari/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { ja } from '../../i18n/ja.js';
import { shortLabel } from '../../state/queue.js';
import { focused } from '../../test/focus.js';
import type { TsgQueueList } from './queue-list.component.js';
import './queue-list.js';

const entry = (consultationId: string, position: number): QueueEntry => ({
  consultationId,
  queuedAt: new Date().toISOString(),
  position,
  urgent: false,
  campaign: null,
});
const first = entry('a'.repeat(22), 1);
const second = entry('b'.repeat(22), 2);

/** The queue as the workspace shows it: a take request marks its entry as being taken, as the workspace does. */
async function mount(entries: QueueEntry[]): Promise<TsgQueueList> {
  const list = document.createElement('tsg-queue-list');
  list.entries = entries;
  list.addEventListener('tsg-take-request', (e) => (list.takingId = e.detail.consultationId));
  document.body.append(list);
  await list.updateComplete;
  return list;
}

/** The 「対応する」 button of one entry: its name is the button's, its description names the chat. */
const takeButton = (e: QueueEntry) => page.getByRole('listitem').filter({ hasText: shortLabel(e.consultationId) }).getByRole('button');
/** Which entry the focused take button belongs to, or the focused element's id when it is not one. */
const focusedRow = () => focused()?.getAttribute('data-row') || focused()?.id || focused()?.localName;

/** She presses 「対応する」 on `e` by keyboard; every take button is disabled while the relay answers. */
async function take(list: TsgQueueList, e: QueueEntry): Promise<void> {
  (takeButton(e).element() as HTMLElement).focus();
  await userEvent.keyboard('{Enter}');
  await expect.element(takeButton(e)).toBeDisabled();
  expect(list.takingId).toBe(e.consultationId);
}

/**
 * 「対応する」 is disabled while the take waits, which takes the focus from it; without being given
 * somewhere to go, her next Tab would start from the top of the page. Where it goes: back to the
 * button after a refusal, to the next entry (or the heading) when the entry left the queue.
 */
describe('the queue keeps her keyboard across a take', () => {
  afterEach(() => document.body.replaceChildren());

  it('a refused take gives her 「対応する」 back, with the reason read out', async () => {
    const list = await mount([first, second]);
    await take(list, first);
    Object.assign(list, { takingId: null, notice: ja.errors.INTERNAL });
    await expect.element(page.getByRole('alert')).toHaveTextContent(ja.errors.INTERNAL);
    await expect.poll(focusedRow).toBe(first.consultationId);
  });

  it('an entry that left the queue while she waited hands the focus to the next one', async () => {
    const list = await mount([first, second]);
    await take(list, first);
    list.entries = [{ ...second, position: 1 }];
    await list.updateComplete;
    list.takingId = null;
    await expect.poll(focusedRow).toBe(second.consultationId);
    await expect.element(takeButton(second)).toBeEnabled();
  });

  it('someone was quicker and the queue is empty now: the heading, which says 0件', async () => {
    const list = await mount([first]);
    await take(list, first);
    Object.assign(list, { takingId: null, notice: ja.errors.ALREADY_TAKEN });
    await expect.poll(focusedRow).toBe(first.consultationId);
    // The queue fetched again no longer has it.
    list.entries = [];
    await expect.poll(focusedRow).toBe('queue-heading');
    await expect.element(page.getByRole('heading', { name: new RegExp(ja.queue.count(0)) })).toBeVisible();
  });

  it('leaves the focus where the workspace put it (her chat, opened by the take)', async () => {
    const list = await mount([first, second]);
    const chatHeading = Object.assign(document.createElement('h2'), { tabIndex: -1, id: 'chat-heading' });
    document.body.append(chatHeading);
    await take(list, first);
    Object.assign(list, { takingId: null, entries: [second] });
    chatHeading.focus();
    await list.updateComplete;
    expect(focused()).toBe(chatHeading);
  });
});
