/**
 * Loads the chart module (lazy-charts.ts, uPlot inside) when a report first needs it. In a build,
 * `scripts/pin-bundle.mjs` leaves this chunk out of the page's preloads (so the first load does
 * not fetch it) and names it with its SRI value in a `<link rel="tsg-lazy-module">`, which no
 * browser fetches; here it is preloaded with that integrity before it is imported, so a chunk that
 * is not the build's is refused like every other chunk. Without the link (vite dev, component
 * tests) it is imported as it is.
 */
export type ChartModule = typeof import('./lazy-charts.js');

let loading: Promise<ChartModule> | null = null;

export function loadCharts(): Promise<ChartModule> {
  loading ??= (async () => {
    const pin = document.querySelector<HTMLLinkElement>('link[rel="tsg-lazy-module"][href*="/lazy-charts-"]');
    if (pin) await preload(pin.href, pin.getAttribute('integrity') ?? '');
    return import('./lazy-charts.js');
  })();
  // A failure (offline, refused) may be retried by the next report shown.
  loading.catch(() => (loading = null));
  return loading;
}

function preload(href: string, integrity: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.integrity = integrity;
    link.href = href;
    link.onload = () => resolve();
    link.onerror = () => reject(new Error('the chart module was refused'));
    document.head.append(link);
  });
}
