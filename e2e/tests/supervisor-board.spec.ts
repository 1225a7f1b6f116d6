import type { Browser, Page } from '@playwright/test';
import type { RunningServer } from '../server.js';
import { desktopPage, expect, expectNoAxeViolations, phonePage, signIn, snap, test } from './fixtures.js';

/**
 * The supervisors' live board (きょうの状況): who waits and for how long, an alert for an urgent
 * client, and today's consultations taken up and women who left while waiting, as they happen.
 * Its own server, so the counts start from nothing.
 */
async function womanJoins(browser: Browser, server: RunningServer, urgent: boolean): Promise<Page> {
  const client = await phonePage(browser);
  await client.goto(`${server.url}/c/board-e2e`);
  await client.getByRole('button', { name: '相談をはじめる' }).click();
  if (urgent) {
    await client.getByRole('radio', { name: 'はい' }).check();
    await client.getByRole('button', { name: '答えて進む' }).click();
  } else {
    await client.getByRole('button', { name: '答えずに進む' }).click();
  }
  await expect(client.getByText(/番目です/)).toBeVisible();
  return client;
}

test('the supervisors board shows the queue and today as they change, and alerts for an urgent client', async ({ browser, ownServer: server }, info) => {
  const supervisor = await desktopPage(browser);
  await signIn(supervisor, 'supervisor', server);
  const board = supervisor.getByRole('region', { name: 'きょうの状況' });
  const figure = (label: string) => board.getByRole('definition').filter({ has: supervisor.locator(`xpath=preceding-sibling::dt[.="${label}"]`) });
  await expect(figure('待っている人')).toHaveText('0人');
  await expect(figure('いちばん長い待ち時間')).toHaveText('なし');
  await expect(figure('対応した相談')).toHaveText('0件');
  await expect(figure('待つ間に離れた人')).toHaveText('0人');

  const urgent = await womanJoins(browser, server, true);
  const other = await womanJoins(browser, server, false);
  await expect(figure('待っている人')).toHaveText('2人');
  await expect(figure('いちばん長い待ち時間')).toHaveText('1分未満');
  await expect(board.getByRole('alert')).toHaveText('緊急の相談者が待っています。');
  await expectNoAxeViolations(supervisor, 'supervisor board with an urgent client waiting');
  await snap(supervisor, info, 'supervisor-board');

  // A counselor takes the urgent one; the other leaves while waiting.
  const sato = await desktopPage(browser);
  await signIn(sato, 'sato', server);
  const queue = sato.getByRole('region', { name: /待機中の相談/ });
  await queue.getByRole('listitem').filter({ hasText: '緊急' }).getByRole('button', { name: '対応する' }).click();
  await expect(urgent.getByText('相談員につながりました')).toBeVisible();
  await expect(figure('対応した相談')).toHaveText('1件');
  await expect(board.getByRole('alert')).toHaveText('');

  await other.getByRole('button', { name: /すぐに閉じる/ }).click();
  await expect(figure('待つ間に離れた人')).toHaveText('1人');
  await expect(figure('待っている人')).toHaveText('0人');
  // Today's waiting figures come with the same pushes: two came, one answered within seconds,
  // one left; each opened the widget (its status fetch) once.
  await expect(figure('申し込み')).toHaveText('2人');
  await expect(figure('応答率')).toHaveText('50.0%');
  await expect(figure('待ち時間（中央値／90%値）')).toHaveText(/^\d+秒／\d+秒$/);
  await expect(figure('チャットを開いた回数')).toHaveText('2回');
  await expect(figure('時間外・制限で受けられなかった申し込み')).toHaveText('0回');
  await expectNoAxeViolations(supervisor, 'supervisor board with today’s waiting figures');
  await snap(supervisor, info, 'supervisor-board-after');
});
