/**
 * Test material for the add, list and backup specs: accounts with fresh random secrets (and
 * their base32 for oathtool), QR code images made with the same `qrcode` library a website
 * would use, a QR decoder for what the window shows, and the window's own ways in (the setup
 * screen's "other ways", the list's rows), shared by the harness and the Electron specs.
 */
import { randomBytes } from 'node:crypto';
import { expect, type Locator, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { base32Encode } from '../../core/base32.js';
import type { OtpauthAccount } from '../../core/otpauth.js';

export interface TestAccount extends OtpauthAccount {
  /** The secret as base32, for oathtool. */
  readonly base32: string;
}

export function testAccount(issuer: string, label: string, options: Partial<Pick<OtpauthAccount, 'digits' | 'period'>> = {}): TestAccount {
  const secret = new Uint8Array(randomBytes(20));
  return { secret, base32: base32Encode(secret), issuer, label, algorithm: 'SHA1', digits: options.digits ?? 6, period: options.period ?? 30 };
}

/** A PNG of a QR code holding `text`, as a website shows it (quiet zone, 8 px per module). */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 });
}

/** A PNG with no QR code in it: a plain grey square. */
export function blankPng(): Buffer {
  const png = new PNG({ width: 200, height: 200 });
  png.data.fill(0xc0);
  return PNG.sync.write(png);
}

/** The text of the QR code in a screenshot, or null when none can be read. */
export function decodeQr(screenshot: Buffer): string | null {
  const { data, width, height } = PNG.sync.read(screenshot);
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height)?.data ?? null;
}

/** The list row of a credential, found by its title (issuer) and, when given, its subtitle (label or ID). */
export function row(page: Page, title: string, subtitle?: string): Locator {
  const rows = page.getByTestId('credential-row').filter({ has: page.getByTestId('row-title').getByText(title, { exact: true }) });
  return subtitle === undefined ? rows : rows.filter({ has: page.getByTestId('row-subtitle').getByText(subtitle, { exact: true }) });
}

/** The titles of the list, top to bottom. */
export function rowTitles(page: Page): Promise<string[]> {
  return page.getByTestId('row-title').allTextContents();
}

const OTHER_WAYS = /^(Other ways to add a credential|その他の追加方法)$/;

/** Opens the setup screen's one "other ways" control (English or Japanese) and returns what it shows. */
export async function openOtherWays(page: Page): Promise<Locator> {
  const toggle = page.getByRole('button', { name: OTHER_WAYS });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const region = page.getByRole('region', { name: OTHER_WAYS });
  await expect(region).toBeVisible();
  return region;
}
