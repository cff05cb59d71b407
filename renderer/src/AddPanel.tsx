import { useState, type FormEvent } from 'react';
import { DEFAULT_VIP_MODEL, VIP_TOKEN_MODELS, type VipTokenModel } from '../../core/vip-models.js';
import type { AddOutcome, AppError, AppState, Result } from '../../electron/shared/contract.js';
import { ErrorMessage } from './ErrorView.js';
import type { Messages } from './messages/index.js';

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

/** What the customer sees as the service's name: its host, not the whole URL. */
function serviceName(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}


type Busy = 'idle' | 'provisioning' | 'vip' | 'adding' | 'qr-file' | 'qr-clipboard' | 'saving';

/**
 * Every way to get a credential: from the token service, from Symantec VIP (opt-in), from a
 * setup key or link (including Google Authenticator exports), from a QR code image or the
 * clipboard. Shown on the setup screen and on the "Add account" screen.
 */
export interface AddPanelProps {
  m: Messages;
  serviceUrl: string;
  onState: (state: AppState) => void;
  /** A credential was provisioned (service or VIP); it is selected in the new state. */
  onProvisioned: (state: AppState) => void;
  /** At least one account was added from a link or QR code. */
  onAdded: (report: AddReport) => void;
  onRestore: () => void;
}

export function AddPanel(props: AddPanelProps) {
  const { m } = props;
  const [busy, setBusy] = useState<Busy>('idle');
  const [provisionError, setProvisionError] = useState<AppError>();
  const [vipError, setVipError] = useState<AppError>();
  const [addError, setAddError] = useState<AppError>();
  const [report, setReport] = useState<AddReport>();
  const [link, setLink] = useState('');
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState(props.serviceUrl);
  const [model, setModel] = useState<VipTokenModel>(DEFAULT_VIP_MODEL);
  const idle = busy === 'idle';

  /** Provisioning and settings answer with a state: an error state is shown where the button is. */
  async function runForState(kind: Busy, task: () => Promise<Result<AppState>>, onError: (error: AppError | undefined) => void, done: (state: AppState) => void) {
    setBusy(kind);
    onError(undefined);
    setReport(undefined);
    const result = await task();
    setBusy('idle');
    if (!result.ok) onError(result.error);
    else if (result.value.kind === 'error') onError(result.value.error);
    else done(result.value);
  }

  /** Adds answer with an outcome: the count and every skipped entry; a closed file dialog says nothing. */
  async function runAdd(kind: Busy, task: () => Promise<Result<AddOutcome>>): Promise<boolean> {
    setBusy(kind);
    setAddError(undefined);
    setReport(undefined);
    const result = await task();
    setBusy('idle');
    if (!result.ok) {
      setAddError(result.error);
      return false;
    }
    const outcome = result.value;
    if (outcome.cancelled) return false;
    if (outcome.state.kind === 'error') {
      setAddError(outcome.state.error);
      return false;
    }
    const added: AddReport = { kind: 'added', added: outcome.added.length, skipped: outcome.skipped };
    props.onState(outcome.state);
    if (outcome.added.length > 0) props.onAdded(added);
    else setReport(added);
    return outcome.added.length > 0;
  }

  const provision = () => runForState('provisioning', () => window.mamori.provision(), setProvisionError, props.onProvisioned);
  const provisionVip = () => runForState('vip', () => window.mamori.provisionVip(model), setVipError, props.onProvisioned);
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const name = label.trim();
    const added = await runAdd('adding', () => window.mamori.addFromLink(link.trim(), name === '' ? undefined : name));
    // The link may hold a secret: it does not stay in the field once it has been used.
    if (added) {
      setLink('');
      setLabel('');
    }
  };
  const saveUrl = (event: FormEvent) => {
    event.preventDefault();
    void runForState('saving', () => window.mamori.updateSettings({ serviceUrl: url.trim() }), setProvisionError, props.onState);
  };

  return (
    <>
      <section className="card" aria-labelledby="provision-title">
        <h3 id="provision-title" className="visually-hidden">
          {m.getCredential(serviceName(props.serviceUrl))}
        </h3>
        <button type="button" className="primary wide" onClick={() => void provision()} disabled={!idle} aria-busy={busy === 'provisioning'}>
          {busy === 'provisioning' ? m.gettingCredential : provisionError ? m.tryAgain : m.getCredential(serviceName(props.serviceUrl))}
        </button>
        {busy === 'provisioning' && <progress className="wide" aria-label={m.gettingCredential} />}
        {provisionError && <ErrorMessage m={m} error={provisionError} />}
        <details className="service">
          <summary>{m.serviceLabel}</summary>
          <form onSubmit={saveUrl} className="row">
            <input
              type="url"
              aria-label={m.serviceLabel}
              value={url}
              onChange={(event) => setUrl(event.currentTarget.value)}
              spellCheck={false}
              required
            />
            <button type="submit" disabled={!idle}>
              {m.serviceSave}
            </button>
          </form>
        </details>
      </section>

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
          <button type="button" disabled={!idle} aria-busy={busy === 'qr-file'} onClick={() => void runAdd('qr-file', () => window.mamori.addFromQrFile())}>
            {m.openQrImage}
          </button>
          <button
            type="button"
            disabled={!idle}
            aria-busy={busy === 'qr-clipboard'}
            onClick={() => void runAdd('qr-clipboard', () => window.mamori.addFromClipboard())}
          >
            {m.pasteQrImage}
          </button>
        </div>
        {(busy === 'qr-file' || busy === 'qr-clipboard') && <p className="muted small">{m.readingQr}</p>}
        {addError && <ErrorMessage m={m} error={addError} />}
        {report && <OutcomeMessage m={m} report={report} />}
      </section>

      {/* Opt-in: closed until the customer asks for it, with the risk said before the button. */}
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
        <button type="button" className="wide" disabled={!idle} aria-busy={busy === 'vip'} aria-describedby="vip-warning" onClick={() => void provisionVip()}>
          {busy === 'vip' ? m.vipGetting : m.vipButton(model)}
        </button>
        {busy === 'vip' && <progress className="wide" aria-label={m.vipGetting} />}
        {vipError && <ErrorMessage m={m} error={vipError} about="vip" />}
      </details>

      <p className="muted small restore">
        {m.restoreBackupHint}{' '}
        <button type="button" className="link-button" onClick={props.onRestore}>
          {m.restoreBackup}
        </button>
      </p>
    </>
  );
}
