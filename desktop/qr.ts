/**
 * QR codes in and out: reading a setup or export QR code from an image file or the clipboard
 * (PNG and JPEG, screenshots included), and drawing one as SVG to show a secret to another
 * device. Images come from the user but may have been crafted by anyone, so every size is
 * bounded before anything large is allocated and library failures become QrError.
 */
import { decode as decodeJpeg } from 'jpeg-js';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { inflateSync } from 'node:zlib';

// jsqr is CommonJS whose module.exports is the function with `.default` pointing to itself;
// NodeNext types the default import as the module object, so take `.default`, which is the
// same function in every interop mode.
const jsQR = jsQRModule.default;

export type QrErrorReason = 'not_an_image' | 'unsupported_image' | 'image_too_large' | 'no_qr_code';

export class QrError extends Error {
  readonly reason: QrErrorReason;
  constructor(reason: QrErrorReason, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'QrError';
    this.reason = reason;
  }
}

export interface QrBitmap {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** Electron's nativeImage.toBitmap() is BGRA on little-endian machines. */
  readonly order: 'rgba' | 'bgra';
}

/** Larger than any screenshot or photo of a QR code needs to be. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;
/** 40 MP covers an 8K screen (33 MP); the RGBA copy alone is 160 MB at this size. */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Images longer than this are also scanned at reduced size (see decodeQrBitmap). */
const RETRY_SIDE = 1000;

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const SUPPORTED = 'Use a PNG or JPEG image, such as a screenshot of the QR code.';

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** A name for common formats we do not read, so the message says what the file is. */
function otherFormat(bytes: Uint8Array): string | null {
  if (ascii(bytes, 0, 4) === 'GIF8') return 'GIF';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'WebP';
  if (ascii(bytes, 0, 2) === 'BM') return 'BMP';
  if (ascii(bytes, 4, 8) === 'ftyp') return /^(avi[fs])$/.test(ascii(bytes, 8, 12)) ? 'AVIF' : 'HEIC';
  if (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*') return 'TIFF';
  return null;
}

function tooLarge(width: number, height: number): QrError {
  return new QrError('image_too_large', `The image is too large (${width}×${height} pixels; at most ${MAX_IMAGE_PIXELS / 1e6} megapixels).`);
}

/**
 * Checks pngjs does not make: the dimensions before it allocates for them, and for interlaced
 * images the inflated size (pngjs inflates those without a limit, so a small "zip bomb" file
 * could exhaust memory).
 */
function checkPng(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 33 || ascii(bytes, 12, 16) !== 'IHDR') throw new QrError('not_an_image', 'The PNG file is truncated or damaged (no image header).');
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width === 0 || height === 0) throw new QrError('not_an_image', 'The PNG file is damaged (it claims to be empty).');
  if (width * height > MAX_IMAGE_PIXELS) throw tooLarge(width, height);
  if (bytes[28] !== 1) return;

  const depth = bytes[24] ?? 8;
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[bytes[25] ?? 0] ?? 4;
  // Adam7 adds at most one filter byte per pass row (15/8 rows per image row) and a partial byte each.
  const bound = Math.ceil((width * channels * depth) / 8) * height + 4 * height + 64;
  const idat: Uint8Array[] = [];
  for (let pos = 8; pos + 8 <= bytes.length; ) {
    const length = view.getUint32(pos);
    const type = ascii(bytes, pos + 4, pos + 8);
    if (pos + 12 + length > bytes.length) break; // pngjs reports the truncation
    if (type === 'IDAT') idat.push(bytes.subarray(pos + 8, pos + 8 + length));
    if (type === 'IEND') break;
    pos += 12 + length;
  }
  try {
    inflateSync(Buffer.concat(idat), { maxOutputLength: bound });
  } catch (error) {
    throw new QrError('not_an_image', 'The PNG file is damaged (its image data does not match its size).', error);
  }
}

function readPng(bytes: Uint8Array): QrBitmap {
  checkPng(bytes);
  try {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { data: png.data, width: png.width, height: png.height, order: 'rgba' };
  } catch (error) {
    // The library's wording ("invalid filter", "unexpected end of file") means nothing to a user.
    throw new QrError('not_an_image', 'The PNG file is truncated or damaged.', error);
  }
}

function readJpeg(bytes: Uint8Array): QrBitmap {
  try {
    const image = decodeJpeg(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6,
      maxMemoryUsageInMB: 512,
    });
    // A file with no frame decodes to nothing rather than failing.
    if (!(image.width > 0 && image.height > 0)) throw new Error('no image frame');
    return { data: image.data, width: image.width, height: image.height, order: 'rgba' };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unreadable';
    // jpeg-js reports its size limits only through these messages.
    if (/maxResolutionInMP|maxMemoryUsageInMB|allocate enough memory/.test(message))
      throw new QrError('image_too_large', `The image is too large (at most ${MAX_IMAGE_PIXELS / 1e6} megapixels).`, error);
    throw new QrError('not_an_image', 'The JPEG file is truncated or damaged.', error);
  }
}

/** The text of the QR code in a PNG or JPEG file (or clipboard image). Throws QrError. */
export function decodeQrImage(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new QrError('not_an_image', 'The file is empty.');
  if (bytes.length > MAX_IMAGE_BYTES) throw new QrError('image_too_large', `The image file is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`);
  if (startsWith(bytes, PNG_MAGIC)) return decodeQrBitmap(readPng(bytes));
  if (startsWith(bytes, JPEG_MAGIC)) return decodeQrBitmap(readJpeg(bytes));
  const format = otherFormat(bytes);
  throw new QrError('unsupported_image', format ? `${format} images are not supported. ${SUPPORTED}` : `This file is not a PNG or JPEG image. ${SUPPORTED}`);
}

/**
 * RGBA for jsQR, composited over white: jsQR ignores alpha, so the transparent background of
 * many QR images would read as black and hide the code. (Electron bitmaps are premultiplied;
 * this formula darkens their semi-transparent edge pixels slightly, which does not matter.)
 */
function toOpaqueRgba(bitmap: QrBitmap): Uint8ClampedArray {
  const { data, order } = bitmap;
  let opaque = true;
  for (let i = 3; i < data.length; i += 4) {
    if (data[i] !== 255) {
      opaque = false;
      break;
    }
  }
  if (opaque && order === 'rgba') return new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
  const red = order === 'rgba' ? 0 : 2;
  const blue = 2 - red;
  const out = new Uint8ClampedArray(data.length);
  for (let i = 0; i < data.length; i += 4) {
    const alpha = data[i + 3]!;
    const white = 255 - alpha;
    out[i] = (data[i + red]! * alpha) / 255 + white;
    out[i + 1] = (data[i + 1]! * alpha) / 255 + white;
    out[i + 2] = (data[i + blue]! * alpha) / 255 + white;
    out[i + 3] = 255;
  }
  return out;
}

interface Rgba {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** Half size by averaging 2×2 blocks (an odd last row or column is dropped). */
function halve(image: Rgba): Rgba {
  const width = Math.floor(image.width / 2);
  const height = Math.floor(image.height / 2);
  const src = image.data;
  const out = new Uint8ClampedArray(width * height * 4);
  const stride = image.width * 4;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = 2 * y * stride + 8 * x;
      const b = a + stride;
      const o = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) out[o + c] = (src[a + c]! + src[a + 4 + c]! + src[b + c]! + src[b + 4 + c]! + 2) >> 2;
      out[o + 3] = 255;
    }
  }
  return { data: out, width, height };
}

function scan(image: Rgba): string | null {
  try {
    // attemptBoth: dark-mode screenshots and some apps show light modules on a dark background.
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
  } catch {
    // jsQR has crashed on odd inputs (a TypeError inside its locator); that only means "not found".
    return null;
  }
}

/** The text of the QR code in a raw bitmap (a decoded file or Electron's nativeImage). Throws QrError. */
export function decodeQrBitmap(bitmap: QrBitmap): string {
  const { width, height } = bitmap;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || bitmap.data.length !== width * height * 4)
    throw new QrError('not_an_image', 'The image data does not match its size.');
  if (width * height > MAX_IMAGE_PIXELS) throw tooLarge(width, height);

  // Large images are also scanned as half-size copies, down to about RETRY_SIDE pixels: noise
  // (photos, JPEG) defeats jsQR's local thresholding at full size and makes it very slow there
  // (8-20 s for a noisy 2400×1600 image in our measurements), while averaging removes it. The
  // smallest copy goes first since it is cheapest and usually enough; full size comes last for
  // a small code in a big screenshot.
  const levels: Rgba[] = [{ data: toOpaqueRgba(bitmap), width, height }];
  for (let top = levels[0]!; Math.max(top.width, top.height) > RETRY_SIDE && Math.min(top.width, top.height) >= 2; top = levels[0]!)
    levels.unshift(halve(top));
  for (const image of levels) {
    const found = scan(image);
    if (found !== null) return found;
  }
  throw new QrError('no_qr_code', 'No readable QR code was found in the image. Make sure the whole code is visible and sharp.');
}

/**
 * The QR code of `text` as SVG markup: error correction M, a two-module quiet zone. The markup
 * is safe to inline in the renderer: it is generated here, not taken from input, and contains
 * only an <svg> with two <path> elements whose data are numbers; `text` appears nowhere in it
 * except as the pattern of modules.
 */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
