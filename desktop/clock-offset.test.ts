import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../service/src/start-service.js';
import {
  clockStatus,
  createClockKeeper,
  isRemeasureDue,
  MAX_ROUND_TRIP_MS,
  offsetFromSample,
  OFFSET_WARNING_MS,
  REMEASURE_AFTER_MS,
  UnreliableSampleError,
} from './clock-offset.js';
import { createProvisioningClient } from './provisioning-client.js';
import { createSettingsStore } from './settings-store.js';

describe('offsetFromSample (NTP-style midpoint)', () => {
  it('is server time minus the midpoint of send and receive', () => {
    expect(offsetFromSample({ sentAt: 1_000, receivedAt: 1_200, serverTime: 5_100 })).toEqual({ offsetMs: 4_000, measuredAt: 1_200 });
    expect(offsetFromSample({ sentAt: 10_000, receivedAt: 10_000, serverTime: 9_000 })).toEqual({ offsetMs: -1_000, measuredAt: 10_000 });
  });
  it('refuses slow or inconsistent samples', () => {
    expect(() => offsetFromSample({ sentAt: 0, receivedAt: MAX_ROUND_TRIP_MS + 1, serverTime: 0 })).toThrow(UnreliableSampleError);
    expect(() => offsetFromSample({ sentAt: 10, receivedAt: 5, serverTime: 0 })).toThrow(UnreliableSampleError);
    expect(() => offsetFromSample({ sentAt: 0, receivedAt: 5, serverTime: Number.NaN })).toThrow(UnreliableSampleError);
  });
});

describe('clockStatus', () => {
  it('has no offset and no warning before any measurement', () => {
    expect(clockStatus(undefined)).toEqual({ offsetMs: 0, measuredAt: null, warning: false });
  });
  it('warns only beyond the threshold, in both directions', () => {
    expect(clockStatus({ offsetMs: OFFSET_WARNING_MS, measuredAt: 1 }).warning).toBe(false);
    expect(clockStatus({ offsetMs: OFFSET_WARNING_MS + 1, measuredAt: 1 }).warning).toBe(true);
    expect(clockStatus({ offsetMs: -OFFSET_WARNING_MS - 1, measuredAt: 1 }).warning).toBe(true);
  });
});

describe('isRemeasureDue', () => {
  it('is due when never measured, when old, and when the local clock went backwards', () => {
    expect(isRemeasureDue(undefined, 0)).toBe(true);
    expect(isRemeasureDue({ offsetMs: 0, measuredAt: 1_000 }, 1_000 + REMEASURE_AFTER_MS - 1)).toBe(false);
    expect(isRemeasureDue({ offsetMs: 0, measuredAt: 1_000 }, 1_000 + REMEASURE_AFTER_MS)).toBe(true);
    expect(isRemeasureDue({ offsetMs: 0, measuredAt: 1_000 }, 999)).toBe(true);
  });
});

describe('clock keeper against the real token service', () => {
  const SERVER_NOW = Date.UTC(2026, 5, 1, 12, 0, 0, 0);
  let service: RunningService;
  beforeAll(async () => {
    service = await startService({ dataDir: await mkdtemp(join(tmpdir(), 'mamori-service-')), port: 0, now: () => SERVER_NOW });
  });
  afterAll(async () => {
    await service?.close();
  });

  it('measures a PC clock 90 s slow, keeps the offset in the settings, and re-measures only when due', async () => {
    let local = SERVER_NOW - 90_000;
    const now = () => local;
    const store = createSettingsStore(join(await mkdtemp(join(tmpdir(), 'mamori-clock-')), 'settings.json'));
    const clock = createClockKeeper({ provisioning: createProvisioningClient({ now }), store, now });
    expect(await clock.refreshIfDue(service.url)).toBe(true);
    const saved = (await store.read()).clock;
    expect(saved).toEqual({ offsetMs: 90_000, measuredAt: local });
    expect(clockStatus(saved).warning).toBe(true);
    local += 60_000;
    expect(await clock.refreshIfDue(service.url)).toBe(false);
    local += REMEASURE_AFTER_MS;
    expect(await clock.refreshIfDue(service.url)).toBe(true);
    expect((await store.read()).clock).toEqual({ offsetMs: 90_000 - 60_000 - REMEASURE_AFTER_MS, measuredAt: local });
  });

  it('keeps the last offset and reports false when the service is unreachable', async () => {
    const store = createSettingsStore(join(await mkdtemp(join(tmpdir(), 'mamori-clock-')), 'settings.json'));
    await store.update((s) => ({ ...s, serviceUrl: 'http://127.0.0.1:1', clock: { offsetMs: 5, measuredAt: 0 } }));
    const clock = createClockKeeper({ provisioning: createProvisioningClient(), store, now: () => REMEASURE_AFTER_MS * 2 });
    expect(await clock.refreshIfDue(service.url)).toBe(false);
    expect((await store.read()).clock).toEqual({ offsetMs: 5, measuredAt: 0 });
  });
});
