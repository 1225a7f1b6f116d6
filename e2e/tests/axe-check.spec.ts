import { desktopPage, expect, expectNoAxeViolations, test } from './fixtures.js';

/**
 * The axe check itself: every other browser test's "axe clean" rests on it, and it puts axe-core
 * in a document only once (later checks hand AxeBuilder an empty source). These prove that a
 * check still finds what is wrong — on a fresh document, on one checked before (the DOM as it is
 * now, not as axe first saw it), and inside a same-origin frame. No server: the pages are inline.
 */

const page = `<!doctype html><html lang="en"><head><title>axe check</title></head><body><main><h1>Check</h1>
<p>Plain text.</p></main></body></html>`;

test('a violation on a fresh document is found', async ({ browser }) => {
  const p = await desktopPage(browser);
  await p.setContent(page.replace('<p>Plain text.</p>', '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'));
  await expect(expectNoAxeViolations(p, 'an image without alt')).rejects.toThrow(/image-alt/);
});

test('a second check on the same document reads the DOM as it is now', async ({ browser }) => {
  const p = await desktopPage(browser);
  await p.setContent(page);
  await expectNoAxeViolations(p, 'the clean page');
  await p.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<button></button>'));
  await expect(expectNoAxeViolations(p, 'a button without a name')).rejects.toThrow(/button-name/);
});

test('a violation inside a same-origin frame is found', async ({ browser }) => {
  const p = await desktopPage(browser);
  // Served from one http origin (routed, no network), as the widget's frame is from the relay's.
  const inner = '<!doctype html><html lang="en"><head><title>inner</title></head><body><main><button></button></main></body></html>';
  await p.route('http://axe-check.test/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: route.request().url().endsWith('/inner') ? inner : page.replace('<p>Plain text.</p>', '<iframe title="inner" src="/inner"></iframe>') }),
  );
  await p.goto('http://axe-check.test/');
  await expect(p.frameLocator('iframe').getByRole('button')).toBeAttached();
  await expect(expectNoAxeViolations(p, 'a frame with a nameless button')).rejects.toThrow(/button-name/);
});
