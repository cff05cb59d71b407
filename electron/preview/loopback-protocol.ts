/**
 * The wire between the preview bridge (in the page) and the preview host: paths below the
 * token, the answer to an invoke, and the transport's own events. Imported by both sides, so
 * it imports nothing that cannot run in a browser.
 */

/** POST { channel, payload } -> InvokeAnswer. */
export const INVOKE_PATH = 'api/invoke';
/** Server-Sent Events: the contract's event channels plus the two below. */
export const EVENTS_PATH = 'api/events';

/** main's clipboard delay is over: the page clears its copy if the clipboard still holds it. */
export const CLIPBOARD_CLEAR_EVENT = 'preview:clipboard-clear';
/** The host is stopping: the page stops reconnecting. */
export const STOPPED_EVENT = 'preview:stopped';

export interface InvokeAnswer {
  /** The gate's Result, as Electron's IPC would deliver it. */
  result: unknown;
  /** Text main wrote to the clipboard during the request, for the page to write to the browser's clipboard. */
  clipboard?: string;
}

export function isInvokeAnswer(value: unknown): value is InvokeAnswer {
  if (typeof value !== 'object' || value === null || !('result' in value)) return false;
  return !('clipboard' in value) || typeof value.clipboard === 'string';
}
