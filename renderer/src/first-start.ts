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
  /** A ref, not state: it must hold across StrictMode's second run of the effects, and needs no render. */
  const decided = useRef(false);
  /** One request at a time: a second click on a busy retry does nothing. */
  const running = useRef(false);

  const attempt = useCallback(
    async (automatic: boolean) => {
      if (running.current) return;
      running.current = true;
      setPhase({ kind: 'provisioning', automatic });
      // onlyIfNone: should a credential have arrived meanwhile (a reload, another window), main shows it instead of adding one.
      const answer = stateOrError(await window.mamori.provision({ onlyIfNone: true }));
      running.current = false;
      if (answer.error) {
        setPhase({ kind: 'failed', error: answer.error });
        return;
      }
      setPhase({ kind: 'idle' });
      onState(answer.state);
    },
    [onState],
  );

  // Decided once per start, on main's first state: later states (the last credential deleted,
  // "Start fresh", a new service address) and a failed attempt never provision by themselves.
  useEffect(() => {
    if (decided.current || state === undefined) return;
    decided.current = true;
    if (provisionsAtStart(state)) void attempt(true);
    else setPhase({ kind: 'idle' });
  }, [state, attempt]);

  // A failure belongs to the setup screen: once a credential exists (added another way), it is forgotten.
  useEffect(() => {
    if (state !== undefined && state.kind !== 'setup') setPhase((current) => (current.kind === 'failed' ? { kind: 'idle' } : current));
  }, [state]);

  const provision = useCallback(() => void attempt(false), [attempt]);
  // Before the effect has run, the first setup state already shows the progress: no flash of the setup screen.
  const firstStart: FirstStart =
    phase.kind !== 'undecided' ? phase : state !== undefined && provisionsAtStart(state) ? { kind: 'provisioning', automatic: true } : { kind: 'idle' };
  return { firstStart, provision };
}
