/**
 * The clock offset between this PC and the token service, measured NTP-style:
 *   offset = serverTime - (sentAt + receivedAt) / 2
 * which is exact when the request and the answer take equally long, and off by at most half
 * the round trip otherwise. Codes are computed on local time + offset, so a PC whose clock is
 * wrong still shows codes the service accepts.
 *
 * The offset is kept in the settings file (`clock`), so it survives restarts; the glue calls
 * `refreshIfDue()` from its own timer and when the network comes back. Nothing here owns a timer.
 */
import type { ClockStatus } from '../electron/shared/contract.js';
import type { ProvisioningClient, TimeSample } from './provisioning-client.js';
import type { SavedClock, SettingsStore } from './settings-store.js';
import { serviceUrlOf } from './settings-view.js';

/**
 * Warn above one 30 s step. The service accepts the steps T-1..T+1, so an uncorrected token
 * that is off by less than a step still works most of the time; beyond a whole step it never
 * would, which means the PC's clock is wrong enough to break other things too (TLS, calendars)
 * and the user should fix it. We still correct the codes either way.
 */
export const OFFSET_WARNING_MS = 30_000;
/** A sample whose round trip took longer is too uncertain (error up to half of it) to keep. */
export const MAX_ROUND_TRIP_MS = 10_000;
/** Re-measure this often: PC clocks drift by seconds a day, and NTP may step them meanwhile. */
export const REMEASURE_AFTER_MS = 6 * 60 * 60 * 1000;

export class UnreliableSampleError extends Error {
  constructor(roundTripMs: number) {
    super(`The time measurement took ${roundTripMs} ms, too long to be trusted.`);
    this.name = 'UnreliableSampleError';
  }
}

/** The offset from one exchange, or UnreliableSampleError for a slow or inconsistent one. */
export function offsetFromSample(sample: TimeSample): SavedClock {
  const roundTrip = sample.receivedAt - sample.sentAt;
  if (!Number.isFinite(sample.serverTime) || roundTrip < 0 || roundTrip > MAX_ROUND_TRIP_MS) throw new UnreliableSampleError(roundTrip);
  return { offsetMs: Math.round(sample.serverTime - (sample.sentAt + roundTrip / 2)), measuredAt: sample.receivedAt };
}

export function clockStatus(saved: SavedClock | undefined): ClockStatus {
  if (saved === undefined) return { offsetMs: 0, measuredAt: null, warning: false };
  return { offsetMs: saved.offsetMs, measuredAt: saved.measuredAt, warning: Math.abs(saved.offsetMs) > OFFSET_WARNING_MS };
}

/** Due when never measured, when the last measure is old, or when the local clock went backwards. */
export function isRemeasureDue(saved: SavedClock | undefined, nowMs: number): boolean {
  if (saved === undefined) return true;
  return nowMs < saved.measuredAt || nowMs - saved.measuredAt >= REMEASURE_AFTER_MS;
}

export interface ClockKeeper {
  /** Measure against `GET /v1/time` and keep the result. Throws ServiceError / UnreliableSampleError. */
  measure(serviceUrl: string): Promise<SavedClock>;
  /**
   * For the glue's timer: re-measure against the configured service when due. Never throws;
   * false when nothing was measured (not due, offline, settings unreadable).
   */
  refreshIfDue(defaultServiceUrl: string): Promise<boolean>;
}

export function createClockKeeper(deps: { provisioning: ProvisioningClient; store: SettingsStore; now: () => number }): ClockKeeper {
  async function measure(serviceUrl: string): Promise<SavedClock> {
    const saved = offsetFromSample(await deps.provisioning.time(serviceUrl));
    await deps.store.update((settings) => ({ ...settings, clock: saved }));
    return saved;
  }
  return {
    measure,
    async refreshIfDue(defaultServiceUrl) {
      try {
        const settings = await deps.store.read();
        if (!isRemeasureDue(settings.clock, deps.now())) return false;
        await measure(serviceUrlOf(settings, defaultServiceUrl));
        return true;
      } catch {
        // Offline or a broken service: keep the last offset; the next tick tries again.
        return false;
      }
    },
  };
}
