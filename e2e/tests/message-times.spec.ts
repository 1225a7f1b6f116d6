import { demoPaths, openRelayDb } from '../relay-db.js';
import { desktopPage, expect, phonePage, say, signIn, snap, startFromLanding, test } from './fixtures.js';

/**
 * Issue 15, what the relay keeps: when a message was written travels inside its ciphertext and
 * both sides show it from there, the relay keeping only the order; and every start sends an
 * intake of one padded length, so whether she answered the questions at all does not show.
 */

/** Every topic as the widget words it in Japanese (she ticks them all). */
const ALL_TOPICS = ['生活が苦しい', 'お金のこと', '暮らしの不安', '子育て', '介護', '夫やパートナーとのこと', '親や子どもとのこと', '職場の人間関係', 'ご近所との関係', '大切な人やものを失った', '暴力・虐待・DV', '医療費', 'ひとりでつらい', 'そのほか'];

test('the same intake length whether she answered nothing or everything; message times only inside the ciphertext, shown on both sides', async ({ browser, ownServer: server }, info) => {
  const started = Date.now();
  // One skips the questions, the other answers every one.
  const skipped = await phonePage(browser);
  await startFromLanding(skipped, `${server.url}/c/times-e2e`);
  await expect(skipped.getByText('いま 1 番目です。')).toBeVisible();
  const answered = await phonePage(browser);
  await answered.goto(`${server.url}/c/times-e2e`);
  await answered.getByRole('button', { name: '相談をはじめる' }).click();
  await answered.getByRole('radio', { name: '70代以上' }).check();
  for (const topic of ALL_TOPICS) await answered.getByRole('checkbox', { name: topic }).check();
  await answered.getByRole('radio', { name: 'わからない' }).check();
  await answered.getByRole('button', { name: '答えて進む' }).click();
  await expect(answered.getByText('いま 2 番目です。')).toBeVisible();

  // What the relay stored: an intake from each (seq 1), of one length, and no time with any message.
  const db = openRelayDb(demoPaths(server.banner).db);
  try {
    const intakes = () => db.prepare("SELECT length(ciphertext) AS n FROM message WHERE sender_role = 'client' AND seq = 1").all() as { n: number }[];
    await expect.poll(() => intakes().length).toBe(2);
    const [first, second] = intakes();
    expect(first?.n).toBeGreaterThan(0);
    expect(second?.n).toBe(first?.n);
    const columns = (db.prepare("SELECT name FROM pragma_table_info('message')").all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('ciphertext');
    expect(columns.filter((c) => /_at$|time/i.test(c))).toEqual([]);
  } finally {
    db.close();
  }

  // The counselor takes the first; she sees that nothing was answered, and they talk.
  const sato = await desktopPage(browser);
  await signIn(sato, 'sato', server);
  await sato.getByRole('region', { name: /待機中の相談/ }).getByRole('button', { name: '対応する' }).first().click();
  await expect(skipped.getByText('相談員につながりました')).toBeVisible();
  const consoleLog = sato.getByRole('list', { name: 'メッセージ' });
  await expect(consoleLog.getByText('【事前の質問への回答】回答なし')).toBeVisible();
  await say(sato, 'こんにちは。相談員の佐藤です。');
  const widgetLog = skipped.getByRole('log', { name: '会話' });
  await expect(widgetLog.getByText('相談員の佐藤です')).toBeVisible();
  await say(skipped, '話を聞いてほしいです。');
  await expect(consoleLog.getByText('話を聞いてほしいです。')).toBeVisible();

  // Both sides show each message's time, read from inside it: within this test's minutes, to the minute in Tokyo.
  const shown = async (times: ReturnType<typeof widgetLog.locator>) => {
    const out: { at: number; text: string }[] = [];
    for (const t of await times.all()) out.push({ at: Date.parse((await t.getAttribute('datetime')) ?? ''), text: (await t.textContent())?.trim() ?? '' });
    return out;
  };
  const tokyoClock = (ms: number) => new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' }).format(ms);
  await expect(widgetLog.locator('time')).toHaveCount(2);
  await expect(consoleLog.locator('time')).toHaveCount(3);
  for (const t of [...(await shown(widgetLog.locator('time'))), ...(await shown(consoleLog.locator('time')))]) {
    expect(t.at).toBeGreaterThanOrEqual(started);
    expect(t.at).toBeLessThanOrEqual(Date.now());
    expect(t.text).toBe(tokyoClock(t.at));
  }
  await snap(skipped, info, 'widget-chat-times-360');
  await snap(sato, info, 'console-chat-times');
});
