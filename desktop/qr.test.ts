import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatOtpauth, parseOtpauth, type OtpauthAccount } from '../core/otpauth.js';
import { formatMigrationLink, parseMigrationLink } from '../core/otpauth-migration.js';
import { decodeQrBitmap, decodeQrImage, QrError, qrSvg, type QrErrorReason } from './qr.js';

type Rgb = readonly [number, number, number];

interface Canvas {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

const ACCOUNT: OtpauthAccount = {
  secret: Uint8Array.from({ length: 20 }, (_, i) => i * 13),
  issuer: 'ACME Co',
  label: 'alice@example.com',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
};
const LINK = formatOtpauth(ACCOUNT);

/** A canvas filled with one colour. */
function canvas(width: number, height: number, colour: Rgb = [255, 255, 255]): Canvas {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([...colour, 255], i);
  return { data, width, height };
}

/** Paint the modules of `text` at (x, y), `scale` pixels per module, quiet zone included. */
function paintQr(target: Canvas, text: string, x: number, y: number, scale: number, dark: Rgb = [0, 0, 0], light: Rgb = [255, 255, 255]): void {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const size = modules.size;
  const quiet = 4;
  for (let py = 0; py < (size + 2 * quiet) * scale; py++) {
    for (let px = 0; px < (size + 2 * quiet) * scale; px++) {
      const row = Math.floor(py / scale) - quiet;
      const col = Math.floor(px / scale) - quiet;
      const on = row >= 0 && col >= 0 && row < size && col < size && modules.get(row, col) === 1;
      target.data.set([...(on ? dark : light), 255], ((y + py) * target.width + x + px) * 4);
    }
  }
}

function qrCanvas(text: string, scale = 6, dark?: Rgb, light?: Rgb): Canvas {
  const side = (QRCode.create(text, { errorCorrectionLevel: 'M' }).modules.size + 8) * scale;
  const image = canvas(side, side);
  paintQr(image, text, 0, 0, scale, dark, light);
  return image;
}

function toPng(image: Canvas): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data);
  return PNG.sync.write(png);
}

function toJpeg(image: Canvas, quality = 85): Uint8Array {
  return encodeJpeg({ data: image.data, width: image.width, height: image.height }, quality).data;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** A PNG built by hand: 8-bit greyscale, with `idat` as the compressed image data. */
function handPng(width: number, height: number, interlaced: boolean, idat: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, interlaced ? 1 : 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))]);
}

/** Adam7 (PNG §8.2): the seven passes of an interlaced greyscale image, each row with filter byte 0. */
function adam7(grey: (x: number, y: number) => number, width: number, height: number): Uint8Array {
  const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;
  const out: number[] = [];
  for (const [x0, y0, dx, dy] of passes) {
    if (x0 >= width) continue;
    for (let y = y0; y < height; y += dy) {
      out.push(0);
      for (let x = x0; x < width; x += dx) out.push(grey(x, y));
    }
  }
  return Uint8Array.from(out);
}

function reasonOf(run: () => unknown): QrErrorReason {
  try {
    run();
  } catch (error) {
    if (error instanceof QrError) return error.reason;
    throw error;
  }
  throw new Error('expected a QrError');
}

/** Deterministic noise, so a failure reproduces. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('decodeQrImage', () => {
  it('reads an otpauth link from a PNG made by qrcode', async () => {
    const png = await QRCode.toBuffer(LINK, { errorCorrectionLevel: 'M' });
    const text = decodeQrImage(png);
    expect(text).toBe(LINK);
    expect(parseOtpauth(text)).toEqual({ ok: true, account: ACCOUNT });
  });

  it('reads a three-account export link, which parses back to the accounts', async () => {
    const accounts: OtpauthAccount[] = [
      ACCOUNT,
      { ...ACCOUNT, secret: new Uint8Array(32).fill(0xfb), issuer: 'Bänk', label: 'bob ✓', algorithm: 'SHA256', digits: 8 },
      { ...ACCOUNT, secret: new Uint8Array(64).fill(0x3f), issuer: '', label: 'plain', algorithm: 'SHA512' },
    ];
    const link = formatMigrationLink(accounts);
    const text = decodeQrImage(await QRCode.toBuffer(link, { errorCorrectionLevel: 'M' }));
    expect(text).toBe(link);
    expect(parseMigrationLink(text)).toEqual({ ok: true, accounts, skipped: [], batch: { index: 0, size: 1 } });
  });

  it('reads a JPEG at quality 85', () => {
    expect(decodeQrImage(toJpeg(qrCanvas(LINK)))).toBe(LINK);
  });

  it('finds a code off-centre in a large screenshot-like image', () => {
    const screen = canvas(2400, 1600, [250, 250, 250]);
    paintQr(screen, LINK, 1900, 1150, 3);
    expect(decodeQrImage(toPng(screen))).toBe(LINK);
  });

  it('finds a code in a large noisy photo, through a reduced copy', () => {
    // At full size jsQR misses this code (and spends seconds trying); averaged copies show it.
    const noisy = canvas(2400, 1600);
    paintQr(noisy, LINK, 1400, 800, 12, [60, 60, 60], [195, 195, 195]);
    const rand = lcg(42);
    for (let i = 0; i < noisy.data.length; i += 4) {
      const v = noisy.data[i]! + (rand() - 0.5) * 150;
      noisy.data.fill(Math.max(0, Math.min(255, Math.round(v))), i, i + 3);
    }
    expect(decodeQrBitmap({ ...noisy, order: 'rgba' })).toBe(LINK);
  });

  it('reads an inverted code (light modules on dark)', () => {
    expect(decodeQrImage(toPng(qrCanvas(LINK, 6, [255, 255, 255], [0, 0, 0])))).toBe(LINK);
  });

  it('reads a code on a transparent background', async () => {
    const png = await QRCode.toBuffer(LINK, { color: { dark: '#000000ff', light: '#00000000' } });
    expect(PNG.sync.read(png).data[3]).toBe(0);
    expect(decodeQrImage(png)).toBe(LINK);
  });

  it('reads an interlaced PNG', () => {
    const image = qrCanvas(LINK, 5);
    const grey = (x: number, y: number): number => image.data[(y * image.width + x) * 4]!;
    expect(decodeQrImage(handPng(image.width, image.height, true, deflateSync(adam7(grey, image.width, image.height))))).toBe(LINK);
  });

  it('reports an image without a code', () => {
    const picture = canvas(640, 480);
    for (let y = 0; y < 480; y++) for (let x = 0; x < 640; x++) picture.data.set([x % 256, y % 256, (x * y) % 256], (y * 640 + x) * 4);
    expect(reasonOf(() => decodeQrImage(toPng(picture)))).toBe('no_qr_code');
    expect(() => decodeQrImage(toPng(picture))).toThrow(/No readable QR code/);
  });

  it('refuses bytes that are no image format it reads, naming PNG and JPEG', () => {
    const rand = lcg(7);
    const bytes = Uint8Array.from({ length: 4096 }, () => Math.floor(rand() * 256));
    bytes[0] = 0;
    expect(reasonOf(() => decodeQrImage(bytes))).toBe('unsupported_image');
    expect(() => decodeQrImage(bytes)).toThrow(/not a PNG or JPEG image.*PNG or JPEG/);
  });

  it('names known formats it does not read', () => {
    expect(() => decodeQrImage(new TextEncoder().encode('GIF89a\x01\x00\x01\x00'))).toThrow(/GIF images are not supported/);
    expect(() => decodeQrImage(new TextEncoder().encode('RIFF\x00\x00\x00\x00WEBPVP8 '))).toThrow(/WebP images are not supported/);
  });

  it('reports truncated and damaged PNG files as not images, never as library errors', async () => {
    const png = await QRCode.toBuffer(LINK);
    for (const length of [8, 20, 40, Math.floor(png.length / 2), png.length - 13]) {
      expect(reasonOf(() => decodeQrImage(png.subarray(0, length)))).toBe('not_an_image');
    }
    const damaged = Buffer.from(png);
    damaged.fill(0x5a, 60, 120);
    expect(reasonOf(() => decodeQrImage(damaged))).toBe('not_an_image');
    expect(() => decodeQrImage(png.subarray(0, png.length / 2))).toThrow(/^The PNG file is truncated or damaged\.$/);
  });

  it('reports truncated JPEG files as not images', () => {
    const jpeg = toJpeg(qrCanvas(LINK));
    for (const length of [3, 100, 600, Math.floor(jpeg.length / 2)]) {
      expect(reasonOf(() => decodeQrImage(jpeg.subarray(0, length)))).toBe('not_an_image');
    }
    expect(() => decodeQrImage(jpeg.subarray(0, 600))).toThrow(/^The JPEG file is truncated or damaged\.$/);
  });

  it('refuses a PNG claiming huge dimensions before decoding it', () => {
    const png = handPng(100_000, 100_000, false, deflateSync(new Uint8Array(10)));
    expect(reasonOf(() => decodeQrImage(png))).toBe('image_too_large');
    expect(() => decodeQrImage(png)).toThrow(/100000×100000 pixels/);
  });

  it('refuses a JPEG claiming huge dimensions', () => {
    // SOI, then a baseline frame header (SOF0): precision 8, 60000 lines of 60000 samples, 1 component.
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0xea, 0x60, 0xea, 0x60, 0x01, 0x01, 0x11, 0x00]);
    expect(reasonOf(() => decodeQrImage(jpeg))).toBe('image_too_large');
  });

  it('refuses an interlaced PNG whose data inflates far beyond its dimensions', () => {
    const bomb = handPng(100, 100, true, deflateSync(new Uint8Array(20_000_000)));
    expect(bomb.length).toBeLessThan(100_000);
    expect(reasonOf(() => decodeQrImage(bomb))).toBe('not_an_image');
    // Our own check, which stops inflating at the bound, rather than pngjs inflating it all first.
    expect(() => decodeQrImage(bomb)).toThrow(/image data does not match its size/);
  });

  it('refuses an empty file and one over the size limit', () => {
    expect(reasonOf(() => decodeQrImage(new Uint8Array(0)))).toBe('not_an_image');
    const huge = new Uint8Array(25 * 1024 * 1024 + 1);
    huge.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(reasonOf(() => decodeQrImage(huge))).toBe('image_too_large');
  });
});

describe('decodeQrBitmap', () => {
  // Blue modules on orange: clearly contrasted as RGB, but with red and blue swapped both
  // colours have the same luminance, so reading BGRA as RGBA finds nothing.
  const blue: Rgb = [0, 0, 255];
  const orange: Rgb = [255, 80, 0];

  function asBgra(image: Canvas): Uint8Array {
    const out = Uint8Array.from(image.data);
    for (let i = 0; i < out.length; i += 4) [out[i], out[i + 2]] = [out[i + 2]!, out[i]!];
    return out;
  }

  it('reads a BGRA bitmap such as Electron nativeImage.toBitmap() returns', () => {
    const image = qrCanvas(LINK, 6, blue, orange);
    expect(decodeQrBitmap({ ...image, order: 'rgba' })).toBe(LINK);
    const bgra = { data: asBgra(image), width: image.width, height: image.height };
    expect(decodeQrBitmap({ ...bgra, order: 'bgra' })).toBe(LINK);
    expect(reasonOf(() => decodeQrBitmap({ ...bgra, order: 'rgba' }))).toBe('no_qr_code');
  });

  it('reads a bitmap that is a view into a larger buffer', () => {
    const image = qrCanvas(LINK);
    const backing = new Uint8Array(image.data.length + 16);
    backing.set(image.data, 16);
    expect(decodeQrBitmap({ data: backing.subarray(16), width: image.width, height: image.height, order: 'rgba' })).toBe(LINK);
  });

  it('refuses data that does not match the dimensions, and too many pixels', () => {
    expect(reasonOf(() => decodeQrBitmap({ data: new Uint8Array(15), width: 2, height: 2, order: 'rgba' }))).toBe('not_an_image');
    expect(reasonOf(() => decodeQrBitmap({ data: new Uint8Array(0), width: 0, height: 0, order: 'rgba' }))).toBe('not_an_image');
    expect(reasonOf(() => decodeQrBitmap({ data: new Uint8Array(4 * 8000 * 6000), width: 8000, height: 6000, order: 'rgba' }))).toBe('image_too_large');
  });

  it('copes with degenerate shapes', () => {
    expect(reasonOf(() => decodeQrBitmap({ ...canvas(1, 3000), order: 'rgba' }))).toBe('no_qr_code');
    expect(reasonOf(() => decodeQrBitmap({ ...canvas(1, 1), order: 'bgra' }))).toBe('no_qr_code');
  });
});

describe('qrSvg', () => {
  const hostile = 'otpauth://totp/<script>alert("x")</script>&amp;?secret=JBSWY3DPEHPK3PXP&issuer=<b>';

  /** Rasterise the module path qrcode writes ("M x y", "m dx dy", "h n"; strokes one module tall). */
  function modulesOf(svg: string): { size: number; margin: number; dark: Set<string> } {
    const box = /viewBox="0 0 (\d+) \1"/.exec(svg);
    const path = /<path stroke="#000000" d="([^"]*)"\/>/.exec(svg);
    if (!box || !path) throw new Error(`unexpected SVG: ${svg.slice(0, 200)}`);
    const dark = new Set<string>();
    let x = 0;
    let y = 0;
    for (const [, cmd, a, b] of path[1]!.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
      if (cmd === 'M') [x, y] = [Number(a), Number(b) - 0.5];
      else if (cmd === 'm') [x, y] = [x + Number(a), y + Number(b)];
      else {
        for (let i = 0; i < Number(a); i++) dark.add(`${x + i},${y}`);
        x += Number(a);
      }
    }
    return { size: Number(box[1]), margin: 2, dark };
  }

  it('contains only an svg with two paths of numeric data, none of the text', async () => {
    const svg = await qrSvg(hostile);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toContain('alert');
    expect(svg).not.toContain('otpauth');
    expect(svg).not.toContain('JBSWY3DPEHPK3PXP');
    expect(svg.trim()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+" shape-rendering="crispEdges"><path fill="#ffffff" d="[\dMHhvz ]+"\/><path stroke="#000000" d="[\dMmh. ]+"\/><\/svg>$/);
  });

  it('draws exactly the modules of the text at error correction M with a two-module margin', async () => {
    const svg = await qrSvg(hostile);
    const { size, margin, dark } = modulesOf(svg);
    const modules = QRCode.create(hostile, { errorCorrectionLevel: 'M' }).modules;
    expect(size).toBe(modules.size + 2 * margin);
    const expected = new Set<string>();
    for (let row = 0; row < modules.size; row++)
      for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) expected.add(`${col + margin},${row + margin}`);
    expect(dark).toEqual(expected);
  });

  it('decodes back to the text once rasterised', async () => {
    const link = formatOtpauth(ACCOUNT);
    const { size, dark } = modulesOf(await qrSvg(link));
    const scale = 6;
    const image = canvas(size * scale, size * scale);
    for (const key of dark) {
      const [mx, my] = key.split(',').map(Number) as [number, number];
      for (let py = 0; py < scale; py++) for (let px = 0; px < scale; px++) image.data.set([0, 0, 0], ((my * scale + py) * image.width + mx * scale + px) * 4);
    }
    expect(decodeQrBitmap({ ...image, order: 'rgba' })).toBe(link);
  });
});
