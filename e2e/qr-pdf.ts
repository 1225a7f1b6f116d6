/**
 * Reading printed output back: the QR code in a screenshot (zxing-wasm, the maintained ZXing-C++
 * port, its WebAssembly read from node_modules, never fetched) and the page boxes of a PDF
 * Chromium wrote (its page dictionaries are plain text; the content streams are not needed).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

let prepared: Promise<unknown> | null = null;

/** The QR codes found in a PNG: their text and error-correction level. */
export async function readQrCodes(png: Buffer): Promise<{ text: string; ecLevel: string }[]> {
  prepared ??= prepareZXingModule({
    overrides: { wasmBinary: fs.readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm')).buffer as ArrayBuffer },
    fireImmediately: true,
  });
  await prepared;
  const found = await readBarcodes(new Blob([new Uint8Array(png)], { type: 'image/png' }), { formats: ['QRCode'], tryHarder: true });
  return found.filter((b) => b.isValid).map((b) => ({ text: b.text, ecLevel: b.ecLevel }));
}

/** Points per millimetre (PDF user space is 1/72 inch). */
const PT_PER_MM = 72 / 25.4;

/** Each page's size in millimetres, from the /MediaBox of every /Type /Page in the file. */
export function pdfPageSizes(pdf: Buffer): { widthMm: number; heightMm: number }[] {
  // One object at a time; a page is an object whose dictionary says /Type /Page (not /Pages).
  const pages = pdf.toString('latin1').split(/\bendobj\b/).filter((obj) => /\/Type\s*\/Page(?![a-zA-Z])/.test(obj));
  return pages.map((dict) => {
    const box = /\/MediaBox\s*\[\s*([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s*\]/.exec(dict);
    if (!box) throw new Error('a page without a MediaBox');
    const [x0, y0, x1, y1] = box.slice(1, 5).map(Number) as [number, number, number, number];
    return { widthMm: (x1 - x0) / PT_PER_MM, heightMm: (y1 - y0) / PT_PER_MM };
  });
}
