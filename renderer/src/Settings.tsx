import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppError, AppState, RequestOf, Result } from '../../electron/shared/contract.js';
import { OutcomeMessage, type AddReport } from './OtherWays.js';
import { ErrorMessage } from './ErrorView.js';
import type { Messages } from './messages/index.js';

/** The clipboard-clear delays offered, in seconds; 0 = never clear. */
const CLEAR_DELAYS = [0, 10, 20, 30, 45, 60, 90, 120] as const;

type Toggle = 'closeToTray' | 'startAtLogin' | 'alwaysOnTop';

/** The desktop preferences, applied and saved by main as soon as each one changes. */
export function Settings(props: {
  m: Messages;
  state: AppState;
  onState: (state: AppState) => void;
  onBack: () => void;
  announce: (text: string) => void;
  /** Opened from "Restore from a backup": focus goes to the import password. */
  focusImport?: boolean;
}) {
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

      <Backup m={m} canExport={state.kind === 'ready'} onState={props.onState} announce={props.announce} focusImport={props.focusImport === true} />

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

/** Reads fields of a submitted form and empties it at once: a password stays in no state or field after use. */
function takeFields(event: FormEvent<HTMLFormElement>, ...names: string[]): string[] {
  event.preventDefault();
  const form = event.currentTarget;
  const data = new FormData(form);
  form.reset();
  return names.map((name) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : '';
  });
}

type BackupBusy = 'idle' | 'exporting' | 'importing';

/** Export and import of the encrypted backup file; main shows the file dialogs. */
function Backup(props: { m: Messages; canExport: boolean; onState: (state: AppState) => void; announce: (text: string) => void; focusImport: boolean }) {
  const { m, announce } = props;
  const [busy, setBusy] = useState<BackupBusy>('idle');
  const [exportError, setExportError] = useState<AppError>();
  const [mismatch, setMismatch] = useState(false);
  const [exported, setExported] = useState<{ count: number; missing: number }>();
  const [importError, setImportError] = useState<AppError>();
  const [report, setReport] = useState<AddReport>();
  const importPassword = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (props.focusImport) importPassword.current?.focus();
  }, [props.focusImport]);

  const exportBackup = async (event: FormEvent<HTMLFormElement>) => {
    const [password = '', again = ''] = takeFields(event, 'password', 'again');
    setExportError(undefined);
    setExported(undefined);
    setMismatch(password !== again);
    if (password !== again) return;
    // Main's rule (at least 10 characters) is checked there; an empty one would not even be a valid request.
    if (password === '') return setExportError({ code: 'weak_password' });
    setBusy('exporting');
    const result = await window.mamori.exportBackup(password);
    setBusy('idle');
    if (!result.ok) setExportError(result.error);
    else if (result.value.saved) {
      setExported({ count: result.value.count, missing: result.value.missing });
      announce(m.exported(result.value.count, result.value.missing));
    }
  };

  const importBackup = async (event: FormEvent<HTMLFormElement>) => {
    const [password = ''] = takeFields(event, 'password');
    setImportError(undefined);
    setReport(undefined);
    if (password === '') return importPassword.current?.focus();
    setBusy('importing');
    const result = await window.mamori.importBackup(password);
    setBusy('idle');
    if (!result.ok) return setImportError(result.error);
    const outcome = result.value;
    if (outcome.cancelled) return;
    props.onState(outcome.state);
    if (outcome.state.kind === 'error') return setImportError(outcome.state.error);
    const restored: AddReport = { kind: 'restored', added: outcome.added.length, skipped: outcome.skipped };
    setReport(restored);
    announce(outcome.added.length === 0 ? m.nothingAdded : m.restoredCount(outcome.added.length));
  };

  return (
    <section className="card" aria-labelledby="backup-title">
      <h3 id="backup-title">{m.backupTitle}</h3>
      <p className="muted small">{m.backupIntro}</p>

      {props.canExport && (
        <form className="stack backup-form" onSubmit={(event) => void exportBackup(event)} noValidate aria-labelledby="export-title">
          <h4 id="export-title">{m.exportTitle}</h4>
          <label>
            {m.backupPassword}
            <input type="password" name="password" autoComplete="new-password" aria-describedby="backup-rule" required />
          </label>
          <label>
            {m.backupPasswordAgain}
            <input type="password" name="again" autoComplete="new-password" aria-describedby="backup-rule" required />
          </label>
          <p id="backup-rule" className="muted small">
            {m.backupPasswordRule}
          </p>
          <button type="submit" disabled={busy !== 'idle'} aria-busy={busy === 'exporting'}>
            {busy === 'exporting' ? m.exporting : m.exportButton}
          </button>
          {mismatch && (
            <p className="error" role="alert" data-error="passwords_differ">
              {m.passwordsDiffer}
            </p>
          )}
          {exportError && <ErrorMessage m={m} error={exportError} />}
          {exported !== undefined && (
            <p className="notice" data-testid="export-result">
              {m.exported(exported.count, exported.missing)}
            </p>
          )}
        </form>
      )}

      <form className="stack backup-form" onSubmit={(event) => void importBackup(event)} noValidate aria-labelledby="import-title">
        <h4 id="import-title">{m.importTitle}</h4>
        <label>
          {m.importPassword}
          <input ref={importPassword} type="password" name="password" autoComplete="current-password" aria-describedby="import-hint" required />
        </label>
        <p id="import-hint" className="muted small">
          {m.importHint}
        </p>
        <button type="submit" disabled={busy !== 'idle'} aria-busy={busy === 'importing'}>
          {busy === 'importing' ? m.importing : m.importButton}
        </button>
        {importError && <ErrorMessage m={m} error={importError} />}
        {report && <OutcomeMessage m={m} report={report} />}
      </form>
    </section>
  );
}
