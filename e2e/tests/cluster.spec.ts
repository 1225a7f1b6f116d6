import type { Page } from '@playwright/test';
import { type LocalCluster, type StartedCluster, createCluster } from '../../scripts/local-cluster.mjs';
import { E2E_SERVER_ENV } from '../server.js';
import { watchSocketNodes } from '../socket-nodes.js';
import { desktopPage, endChat, expect, expectNoAxeViolations, phonePage, say, signIn, snap, startFromLanding, test } from './fixtures.js';

/**
 * Issue 17 in a browser: the layout of `npm run cluster` (scripts/local-cluster.mjs: PostgreSQL,
 * Redis, three relay nodes, nginx with least connections and the WebSocket upgrade), started once
 * for this file. A woman's widget and a counselor's console, both through nginx, on two different
 * nodes (nginx names the node in a header only this test's nginx sends: e2e/socket-nodes.ts); they
 * write both ways, she reloads and goes on, then her node is killed (SIGKILL) and her widget
 * reconnects through nginx to another node with nothing lost and nothing twice.
 * It installs nginx, Redis and PostgreSQL when missing (as root) or fails saying what to install:
 * never skipped.
 */
test.describe.configure({ mode: 'serial' });

let cluster: LocalCluster | undefined;
let started: StartedCluster;
/** Where this file's time goes (printed at the end): what it adds to the browser tests' phase. */
const timings: string[] = [];

test.beforeAll(async () => {
  // initdb, the first node's seed, then two nodes and nginx: 10–25 s on a busy machine.
  const since = Date.now();
  cluster = createCluster();
  started = await cluster.start({
    nodes: 3,
    env: { ...E2E_SERVER_ENV, LOG_LEVEL: 'warn' },
    upstreamHeader: true,
    output: (n, line) => process.stderr.write(`[node ${n}] ${line}\n`),
  });
  timings.push(`cluster started in ${Date.now() - since} ms`);
});

test.afterAll(async () => {
  const since = Date.now();
  await cluster?.stop();
  timings.push(`stopped in ${Date.now() - since} ms`);
  console.log(`cluster e2e: ${timings.join('; ')}`);
});

/** Every line each of them wrote, in order: each must be on both screens exactly once at the end. */
const LINES = {
  her1: 'ノードAから送ります',
  counselor1: 'ノードBから返事をします',
  her2: '読み込み直したあとの話です',
  her3: '切れているあいだに書きました',
  counselor2: 'あなたの接続が切れているあいだの返事です',
  her4: 'つながり直したあとの話です',
  counselor3: 'ちゃんと届いています',
} as const;

const herLog = (client: Page) => client.getByRole('log', { name: '会話' });
const counselorLog = (counselor: Page) => counselor.getByRole('list', { name: 'メッセージ' });

test('a woman on one node, her counselor on another, through nginx: both ways, a reload, then her node killed and nothing lost', async ({ browser }, info) => {
  const viaNginx = { url: started.publicUrl, banner: started.nodes[0]!.banner };

  // She opens the widget through nginx and waits: her socket lands on node A.
  const client = await phonePage(browser);
  const hers = await watchSocketNodes(client, started);
  await startFromLanding(client, `${started.publicUrl}/c/cluster-e2e`);
  await expect(client.getByText('いま 1 番目です。')).toBeVisible();
  const nodeA = await hers.nth(1);

  // The counselor signs in through nginx: least connections sends her socket to another node, B.
  const counselor = await desktopPage(browser);
  const staff = await watchSocketNodes(counselor, started);
  await signIn(counselor, 'sato', viaNginx);
  const nodeB = await staff.nth(1);
  expect(nodeB, `her socket on node ${nodeA}, the counselor's on node ${nodeB}`).not.toBe(nodeA);

  // The offer reaches B from A's queue; they write both ways across the nodes.
  await counselor.getByRole('region', { name: /待機中の相談/ }).getByRole('button', { name: '対応する' }).click();
  await expect(client.getByText('相談員につながりました')).toBeVisible();
  await say(client, LINES.her1);
  await expect(counselorLog(counselor).getByText(LINES.her1, { exact: true })).toBeVisible();
  await say(counselor, LINES.counselor1);
  await expect(herLog(client).getByText(LINES.counselor1, { exact: true })).toBeVisible();

  // She reloads: asked first (issue 15), then her chat resumes with its history, on a node
  // without the counselor's socket (least connections again).
  await client.reload();
  await client.getByRole('button', { name: '続ける', exact: true }).click();
  await expect(herLog(client).getByText(LINES.her1, { exact: true })).toBeVisible();
  await expect(herLog(client).getByText(LINES.counselor1, { exact: true })).toBeVisible();
  const nodeAfterReload = await hers.nth(2);
  expect(nodeAfterReload, `after her reload: her socket on node ${nodeAfterReload}, the counselor's on node ${nodeB}`).not.toBe(nodeB);
  await say(client, LINES.her2);
  await expect(counselorLog(counselor).getByText(LINES.her2, { exact: true })).toBeVisible();

  // Her node dies without a word. Each writes while she is cut off; her widget reconnects
  // through nginx to a node still alive and resumes.
  const dead = started.nodes.find((n) => n.n === nodeAfterReload)!;
  const killed = new Promise((resolve) => dead.child.once('exit', resolve));
  dead.child.kill('SIGKILL');
  await killed;
  await say(client, LINES.her3);
  await say(counselor, LINES.counselor2);
  const nodeAfterKill = await hers.nth(3);
  expect(nodeAfterKill, `node ${nodeAfterReload} was killed`).not.toBe(nodeAfterReload);
  await expect(counselorLog(counselor).getByText(LINES.her3, { exact: true })).toBeVisible();
  await expect(herLog(client).getByText(LINES.counselor2, { exact: true })).toBeVisible();
  await say(client, LINES.her4);
  await expect(counselorLog(counselor).getByText(LINES.her4, { exact: true })).toBeVisible();
  await say(counselor, LINES.counselor3);
  await expect(herLog(client).getByText(LINES.counselor3, { exact: true })).toBeVisible();

  // Nothing lost, nothing twice, one chat; the counselor's socket never moved.
  for (const line of Object.values(LINES)) {
    await expect(herLog(client).getByText(line, { exact: true }), line).toHaveCount(1);
    await expect(counselorLog(counselor).getByText(line, { exact: true }), line).toHaveCount(1);
  }
  expect(staff.landed).toEqual([nodeB]);
  timings.push(`woman on node ${nodeA}, counselor on node ${nodeB}; after her reload node ${nodeAfterReload} (killed), then node ${nodeAfterKill}`);

  await expectNoAxeViolations(client, 'the widget in a chat through nginx, after her node was killed (360)');
  await expectNoAxeViolations(counselor, 'the console in a chat through nginx');
  await snap(client, info, 'cluster-widget-360');
  await snap(counselor, info, 'cluster-console');
  await endChat(client);
  await client.context().close();
  await counselor.context().close();
});
