import { useState, type FormEvent } from 'react';
import { DEFAULT_VIP_MODEL, VIP_TOKEN_MODELS, type VipTokenModel } from '../../core/vip-models.js';
import type { AddOutcome, AppError, AppState, Result } from '../../electron/shared/contract.js';
import { ErrorMessage } from './ErrorView.js';
import type { Messages } from './messages/index.js';
import { stateOrError } from './state-answer.js';

/** What the window says after an add or import: how many came in, and each one left out with why. */
export interface AddReport {
  kind: 'added' | 'restored';
  added: number;
  skipped: AddOutcome['skipped'];
}

export function OutcomeMessage(props: { m: Messages; report: AddReport; onDismiss?: () => void }) {
  const { m, report } = props;
  return (
    <div className="notice" data-testid="add-result">
      <p className="notice-title">{report.added === 0 ? m.nothingAdded : report.kind === 'restored' ? m.restoredCount(report.added) : m.addedCount(report.added)}</p>
      {report.skipped.length > 0 && (
        <>
          <p>{m.skippedTitle(report.skipped.length)}</p>
          <ul className="skipped">
            {report.skipped.map((skip, index) => (
              <li key={index} data-testid="skipped">
                <strong>{skip.label}</strong>: {m.skipReason(skip.kind, skip.reason)}
              </li>
            ))}
          </ul>
        </>
      )}
      {props.onDismiss && (
        <button type="button" onClick={props.onDismiss}>
          {m.dismiss}
        </button>
      )}
    </div>
  );
}

/**
 * Every way to add a credential other than the configured token service: a setup key or link
 * (including Google Authenticator exports), a QR code image or the clipboard, Symantec VIP
 * (opt-in) and a backup. The "Add account" screen shows them under the token service; the
 * setup screen folds them under one control, so that its first view fits the window.
 */
export interface OtherWaysProps {
  m: Messages;
  onState: (state: AppState) => void;
  /** A credential was provisioned (service or VIP); it is selected in the new state. */
  onProvisioned: (state: AppState) => void;
  /** At least one account was added from a link or QR code. */
  onAdded: (report: AddReport) => void;
  onRestore: () => void;
}

export function OtherWays(props: OtherWaysProps) {
  const { m } = props;
  return (
    <>
      <LinkOrQr {...props} />
      <Vip {...props} />
      <p className="muted small restore">
        {m.restoreBackupHint}{' '}
        <button type="button" className="link-button" onClick={props.onRestore}>
          {m.restoreBackup}
        </button>
      </p>
    </>
  );
}

type LinkBusy = 'idle' | 'adding' | 'qr-file' | 'qr-clipboard';

function LinkOrQr(props: OtherWaysProps) {
  const { m } = props;
  const [busy, setBusy] = useState<LinkBusy>('idle');
  const [error, setError] = useState<AppError>();
  const [report, setReport] = useState<AddReport>();
  const [link, setLink] = useState('');
  const [label, setLabel] = useState('');
  const idle = busy === 'idle';

  /** Adds answer with an outcome: the count and every skipped entry; a closed file dialog says nothing. */
  async function run(kind: LinkBusy, task: () => Promise<Result<AddOutcome>>): Promise<boolean> {
    setBusy(kind);
    setError(undefined);
    setReport(undefined);
    const result = await task();
    setBusy('idle');
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    const outcome = result.value;
    if (outcome.cancelled) return false;
    if (outcome.state.kind === 'error') {
      setError(outcome.state.error);
      return false;
    }
    const added: AddReport = { kind: 'added', added: outcome.added.length, skipped: outcome.skipped };
    props.onState(outcome.state);
    if (outcome.added.length > 0) props.onAdded(added);
    else setReport(added);
    return outcome.added.length > 0;
  }

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const name = label.trim();
    const added = await run('adding', () => window.mamori.addFromLink(link.trim(), name === '' ? undefined : name));
    // The link may hold a secret: it does not stay in the field once it has been used.
    if (added) {
      setLink('');
      setLabel('');
    }
  };

  return (
    <section className="card" aria-labelledby="add-title">
      <h3 id="add-title">{m.addTitle}</h3>
      <form onSubmit={(event) => void add(event)} className="stack">
        <label>
          {m.addLinkLabel}
          <input
            value={link}
            onChange={(event) => setLink(event.currentTarget.value)}
            aria-describedby="add-link-hint"
            autoComplete="off"
            spellCheck={false}
            required
          />
        </label>
        <p id="add-link-hint" className="muted small">
          {m.addLinkHint}
        </p>
        <label>
          {m.addNameLabel}
          <input value={label} onChange={(event) => setLabel(event.currentTarget.value)} autoComplete="off" />
        </label>
        <button type="submit" disabled={!idle} aria-busy={busy === 'adding'}>
          {busy === 'adding' ? m.adding : m.addButton}
        </button>
      </form>

      <h3 id="qr-title" className="subsection">
        {m.addFromQrTitle}
      </h3>
      <p id="qr-hint" className="muted small">
        {m.addFromQrHint}
      </p>
      <div className="button-row" role="group" aria-labelledby="qr-title" aria-describedby="qr-hint">
        <button type="button" disabled={!idle} aria-busy={busy === 'qr-file'} onClick={() => void run('qr-file', () => window.mamori.addFromQrFile())}>
          {m.openQrImage}
        </button>
        <button type="button" disabled={!idle} aria-busy={busy === 'qr-clipboard'} onClick={() => void run('qr-clipboard', () => window.mamori.addFromClipboard())}>
          {m.pasteQrImage}
        </button>
      </div>
      {(busy === 'qr-file' || busy === 'qr-clipboard') && <p className="muted small">{m.readingQr}</p>}
      {error && <ErrorMessage m={m} error={error} />}
      {report && <OutcomeMessage m={m} report={report} />}
    </section>
  );
}

function Vip(props: OtherWaysProps) {
  const { m } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError>();
  const [model, setModel] = useState<VipTokenModel>(DEFAULT_VIP_MODEL);

  const provision = async () => {
    setBusy(true);
    setError(undefined);
    const answer = stateOrError(await window.mamori.provisionVip(model));
    setBusy(false);
    if (answer.error) setError(answer.error);
    else props.onProvisioned(answer.state);
  };

  // Opt-in: closed until the customer asks for it, with the risk said before the button.
  return (
    <details className="card vip">
      <summary className="card-summary">{m.vipTitle}</summary>
      <p className="small">{m.vipIntro}</p>
      <p className="warning" id="vip-warning">
        {m.vipWarning}
      </p>
      <fieldset className="models">
        <legend>{m.vipModel}</legend>
        {VIP_TOKEN_MODELS.map((choice) => (
          <label key={choice} className="model">
            <input
              type="radio"
              name="vip-model"
              value={choice}
              checked={model === choice}
              aria-describedby={`vip-model-${choice}`}
              onChange={() => setModel(choice)}
            />
            <span>
              <strong>{choice}</strong>{' '}
              <span className="muted">
                ({m.vipKind[m.vipModels[choice].kind]}
                {choice === DEFAULT_VIP_MODEL ? `, ${m.vipDefault}` : ''})
              </span>
              <span id={`vip-model-${choice}`} className="muted small block">
                {m.vipModels[choice].text}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="muted small">{m.vipModelNote}</p>
      <button type="button" className="wide" disabled={busy} aria-busy={busy} aria-describedby="vip-warning" onClick={() => void provision()}>
        {busy ? m.vipGetting : m.vipButton(model)}
      </button>
      {busy && <progress className="wide" aria-label={m.vipGetting} />}
      {error && <ErrorMessage m={m} error={error} about="vip" />}
    </details>
  );
}
