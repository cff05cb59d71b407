#!/usr/bin/env node
// Renders build/icons/icon.svg (our own design) into every icon the installers and the tray need:
// NxN.png for 16..1024 (the names electron-builder's Linux targets look for), icon.ico (Windows,
// PNG entries 16..256) and icon.icns (macOS, PNG entries 16@2x..512@2x). Rasterized by Debian's
// Chromium through Playwright (MAMORI_CHROMIUM overrides the path); the ICO and ICNS containers
// are written here by hand: both are a small header plus the PNG files.
//   node scripts/make-icons.mjs      (then commit build/icons/)
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'icons');
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS element types holding PNG data, by pixel size (Apple's icns format). */
const ICNS_TYPES = [
  ['ic11', 32], // 16x16@2x
  ['ic12', 64], // 32x32@2x
  ['ic07', 128],
  ['ic13', 256], // 128x128@2x
  ['ic08', 256],
  ['ic14', 512], // 256x256@2x
  ['ic09', 512],
  ['ic10', 1024], // 512x512@2x
];

/** ICO: ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the PNGs. */
export function icoFile(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

/** ICNS: "icns" + total length, then per element its type, its length (header included) and data. */
export function icnsFile(elements) {
  const chunks = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, chunk) => n + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

async function render(svg) {
  const executablePath = [process.env.MAMORI_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  const pngs = new Map();
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    for (const size of PNG_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      // The SVG as an image at exactly size x size, on a transparent page.
      await page.setContent(
        `<style>html,body{margin:0;background:transparent}img{display:block;width:${size}px;height:${size}px}</style>` +
          `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">`,
      );
      await page.locator('img').evaluate((img) => img.decode());
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
  } finally {
    await browser.close();
  }
  return pngs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const svg = await readFile(join(dir, 'icon.svg'), 'utf8');
  const pngs = await render(svg);
  for (const [size, png] of pngs) await writeFile(join(dir, `${size}x${size}.png`), png);
  await writeFile(join(dir, 'icon.ico'), icoFile(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
  await writeFile(join(dir, 'icon.icns'), icnsFile(ICNS_TYPES.map(([type, size]) => ({ type, png: pngs.get(size) }))));
  // electron-builder's default name for the Linux/mac source icon.
  await writeFile(join(dir, 'icon.png'), pngs.get(1024));
  console.log(`Wrote ${pngs.size} PNGs, icon.ico and icon.icns to ${dir}`);
}
