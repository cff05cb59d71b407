import { useEffect, useEffectEvent, useRef } from 'react';
import { groupCode } from '../../core/code.js';
import { secondsLeft } from '../../core/step.js';
import type { AppState, Result } from '../../electron/shared/contract.js';
import { CountdownRing } from './CountdownRing.js';
import type { Messages } from './messages/index.js';
import { useCorrectedNow } from './use-now.js';

type Ready = Extract<AppState, { kind: 'ready' }>;

/** From this many seconds before the step ends, say the code is about to change. */
const ENDING_SECONDS = 5;

const FIRST_CODE_MARK = 'mamori:first-code';

/** True when Ctrl/Cmd+C should be left to the browser: the user has selected some text. */
function userHasSelection(): boolean {
  const active = document.activeElement;
  if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement) {
    if (active.selectionStart !== active.selectionEnd) return true;
  }
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString() !== '';
}

export function MainView(props: {
  m: Messages;
  state: Ready;
  onState: (result: Result<AppState>) => void;
  onRefresh: () => Promise<void>;
  announce: (text: string) => void;
}) {
  const { m, state, announce } = props;
  const { credential, code, clock } = state;
  const now = useCorrectedNow(clock.offsetMs);

  // Past the step's end, the next code is already known: show it while main is asked for fresh state.
  const stepMs = credential.period * 1000;
  const rolledOver = now >= code.stepEndsAt;
  const shownCode = rolledOver ? code.nextCode : code.code;
  const endsAt = rolledOver ? code.stepEndsAt + stepMs : code.stepEndsAt;
  const left = secondsLeft(now, endsAt);
  const ending = !rolledOver && left <= ENDING_SECONDS;

  // For `npm run bench`: when the first code reached the screen (marked once per page load).
  useEffect(() => {
    if (performance.getEntriesByName(FIRST_CODE_MARK).length === 0) performance.mark(FIRST_CODE_MARK);
  }, []);

  const refreshedFor = useRef(0);
  const { onRefresh } = props;
  useEffect(() => {
    if (rolledOver && refreshedFor.current !== code.stepEndsAt) {
      refreshedFor.current = code.stepEndsAt;
      void onRefresh();
    }
  }, [rolledOver, code.stepEndsAt, onRefresh]);

  const copyCode = async () => {
    const result = await window.mamori.copyCode();
    announce(result.ok ? m.copiedCode : m.copyFailed);
  };
  const copyId = async () => {
    const result = await window.mamori.copyCredentialId();
    announce(result.ok ? m.copiedCredentialId : m.copyFailed);
  };

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    if (event.key.toLowerCase() !== 'c' || userHasSelection()) return;
    event.preventDefault();
    void copyCode();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="main-view">
      {clock.warning && (
        <p className="warning" data-testid="clock-warning">
          {m.clockWarning(Math.round(Math.abs(clock.offsetMs) / 1000))}
        </p>
      )}

      {credential.source === 'manual' ? (
        <section className="field" aria-labelledby="account-label">
          <h2 id="account-label" className="field-label">
            {m.account}
          </h2>
          <p className="account" data-testid="account">
            {credential.issuer ? `${credential.issuer}: ${credential.label}` : credential.label}
          </p>
        </section>
      ) : (
        <section className="field" aria-labelledby="credential-id-label">
          <h2 id="credential-id-label" className="field-label">
            {m.credentialId}
          </h2>
          <div className="row">
            <span className="credential-id" data-testid="credential-id">
              {credential.credentialId}
            </span>
            <button type="button" className="copy" aria-label={m.copyCredentialId} onClick={() => void copyId()}>
              {m.copy}
            </button>
          </div>
        </section>
      )}

      <section className="field" aria-labelledby="code-label">
        <h2 id="code-label" className="field-label">
          {m.securityCode}
        </h2>
        <div className="row code-row">
          <span className={ending ? 'code ending' : 'code'} data-testid="code">
            {groupCode(shownCode)}
          </span>
          <CountdownRing secondsLeft={left} period={credential.period} label={m.secondsLeft(left)} ending={ending} />
        </div>
        <button
          type="button"
          className="copy primary wide"
          aria-label={m.copyCode}
          aria-keyshortcuts="Control+C Meta+C"
          onClick={() => void copyCode()}
        >
          {m.copy}
        </button>
        <p className="muted small hint" data-testid="soon">
          {ending ? (
            <>
              {m.changingSoon} {m.nextCode}: <span data-testid="next-code">{groupCode(code.nextCode)}</span>
            </>
          ) : (
            m.shortcutHint
          )}
        </p>
      </section>
    </div>
  );
}
