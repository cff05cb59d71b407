import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, AppState } from '../../electron/shared/contract.js';
import { stateOrError } from './state-answer.js';

/**
 * What the first start is doing. Like VIP Access, the window gets a credential without a click:
 * when main's first state has no credential and a token service is configured, it provisions at
 * once; only a failure shows the setup screen, with the error and a retry.
 */
export type FirstStart =
  /** Nothing running: the state alone decides what the window shows. */
  | { kind: 'idle' }
  /** Asking the token service. `automatic`: the start's own attempt, shown as progress only. */
  | { kind: 'provisioning'; automatic: boolean }
  /** The last attempt failed: the setup screen says why and offers a retry. */
  | { kind: 'failed'; error: AppError };

/**
 * A token service is configured when the state names one: the settings, MAMORI_SERVICE_URL or the
 * build's default. MAMORI_SERVICE_URL set to an empty value is the one way to have none.
 */
export function hasTokenService(serviceUrl: string): boolean {
  return serviceUrl.trim() !== '';
}

/** Whether a start whose first state is this one provisions by itself. */
function provisionsAtStart(state: AppState): boolean {
  return state.kind === 'setup' && hasTokenService(state.serviceUrl);
}

export function useFirstStart(state: AppState | undefined, onState: (state: AppState) => void): { firstStart: FirstStart; provision: () => void } {
  const [phase, setPhase] = useState<FirstStart | { kind: 'undecided' }>({ kind: 'undecided' });
  /**
   * One request at a time: a second click on a busy retry does nothing, and the start's own attempt
   * is asked once. A ref, not state: it must hold across StrictMode's second run of the effects.
   */
  const running = useRef(false);

  // Decided once per start, on main's first state: later states (the last credential deleted,
  // "Start fresh", a new service address) and a failed attempt never provision by themselves.
  // Both adjustments are made while rendering, as React advises for state that follows a prop: it
  // renders again at once, before anything is shown, where an effect would cost a second commit.
  if (phase.kind === 'undecided' && state !== undefined) {
    setPhase(provisionsAtStart(state) ? { kind: 'provisioning', automatic: true } : { kind: 'idle' });
  }
  // A failure belongs to the setup screen: once a credential exists (added another way), it is forgotten.
  if (phase.kind === 'failed' && state !== undefined && state.kind !== 'setup') setPhase({ kind: 'idle' });

  const request = useCallback(async () => {
    running.current = true;
    // onlyIfNone: should a credential have arrived meanwhile (a reload, another window), main shows it instead of adding one.
    const answer = stateOrError(await window.mamori.provision({ onlyIfNone: true }));
    running.current = false;
    if (answer.error) {
      setPhase({ kind: 'failed', error: answer.error });
      return;
    }
    setPhase({ kind: 'idle' });
    onState(answer.state);
  }, [onState]);

  // The start's own attempt, asked of main once the render above has decided on it.
  useEffect(() => {
    if (phase.kind === 'provisioning' && phase.automatic && !running.current) void request();
  }, [phase, request]);

  const provision = useCallback(() => {
    if (running.current) return;
    setPhase({ kind: 'provisioning', automatic: false });
    void request();
  }, [request]);
  // Undecided only until main's first state: the render that brings it decides before anything is shown.
  const firstStart: FirstStart = phase.kind === 'undecided' ? { kind: 'idle' } : phase;
  return { firstStart, provision };
}
