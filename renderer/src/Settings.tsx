import { useState } from 'react';
import type { AppError, AppState, RequestOf, Result } from '../../electron/shared/contract.js';
import { ErrorMessage } from './ErrorView.js';
import type { Messages } from './messages/index.js';

/** The clipboard-clear delays offered, in seconds; 0 = never clear. */
const CLEAR_DELAYS = [0, 10, 20, 30, 45, 60, 90, 120] as const;

type Toggle = 'closeToTray' | 'startAtLogin' | 'alwaysOnTop';

/** The desktop preferences, applied and saved by main as soon as each one changes. */
export function Settings(props: { m: Messages; state: AppState; onState: (state: AppState) => void; onBack: () => void }) {
  const { m, state } = props;
  const { preferences } = state;
  const [error, setError] = useState<AppError>();
  const [busy, setBusy] = useState(false);

  async function save(change: RequestOf<'settings:update'>) {
    setBusy(true);
    setError(undefined);
    const result: Result<AppState> = await window.mamori.updateSettings(change);
    setBusy(false);
    if (result.ok) props.onState(result.value);
    else setError(result.error);
  }

  const toggles: { key: Toggle; label: string; hint: string }[] = [
    { key: 'closeToTray', label: m.closeToTray, hint: m.closeToTrayHint },
    { key: 'startAtLogin', label: m.startAtLogin, hint: m.startAtLoginHint },
    { key: 'alwaysOnTop', label: m.alwaysOnTop, hint: m.alwaysOnTopHint },
  ];
  // A value from a hand-edited settings file is shown too, rather than silently displayed as another.
  const delays = CLEAR_DELAYS.some((d) => d === preferences.clipboardClearSeconds)
    ? [...CLEAR_DELAYS]
    : [...CLEAR_DELAYS, preferences.clipboardClearSeconds].sort((a, b) => a - b);

  return (
    <div className="settings">
      <div className="row settings-title">
        <h2>{m.settingsTitle}</h2>
        <button type="button" onClick={props.onBack}>
          {m.back}
        </button>
      </div>

      <section className="card stack" aria-label={m.settingsTitle}>
        {toggles.map(({ key, label, hint }) => (
          <label key={key} className="toggle">
            <input
              type="checkbox"
              checked={preferences[key]}
              disabled={busy}
              aria-describedby={`${key}-hint`}
              onChange={(event) => void save({ [key]: event.currentTarget.checked })}
            />
            <span>
              {label}
              <span id={`${key}-hint`} className="muted small block">
                {hint}
              </span>
            </span>
          </label>
        ))}

        <label className="select-row">
          <span>{m.clipboardClear}</span>
          <select
            value={preferences.clipboardClearSeconds}
            disabled={busy}
            aria-describedby="clipboard-clear-hint"
            onChange={(event) => void save({ clipboardClearSeconds: Number(event.currentTarget.value) })}
          >
            {delays.map((seconds) => (
              <option key={seconds} value={seconds}>
                {seconds === 0 ? m.clipboardClearNever : m.clipboardClearAfter(seconds)}
              </option>
            ))}
          </select>
        </label>
        <p id="clipboard-clear-hint" className="muted small">
          {m.clipboardClearHint}
        </p>
        {error && <ErrorMessage m={m} error={error} />}
      </section>

      <p className="muted small">
        {m.serviceLabel}:{' '}
        {/* Opened by main in the system browser, and only if it is the token service's own site. */}
        <a href={state.serviceUrl} target="_blank" rel="noreferrer noopener" data-testid="service-link">
          {state.serviceUrl}
        </a>
      </p>
    </div>
  );
}
