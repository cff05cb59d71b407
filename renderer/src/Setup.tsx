import { useState, type FormEvent } from 'react';
import type { AppError, AppState, Result } from '../../electron/shared/contract.js';
import { ErrorMessage } from './ErrorView.js';
import type { Messages } from './messages/index.js';

/** What the customer sees as the service's name: its host, not the whole URL. */
function serviceName(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

type Busy = 'idle' | 'provisioning' | 'adding' | 'saving';

export function Setup(props: { m: Messages; serviceUrl: string; onState: (state: AppState) => void }) {
  const { m } = props;
  const [busy, setBusy] = useState<Busy>('idle');
  const [provisionError, setProvisionError] = useState<AppError>();
  const [addError, setAddError] = useState<AppError>();
  const [link, setLink] = useState('');
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState(props.serviceUrl);

  async function run(kind: Busy, task: () => Promise<Result<AppState>>, onError: (error: AppError | undefined) => void) {
    setBusy(kind);
    onError(undefined);
    const result = await task();
    setBusy('idle');
    if (!result.ok) onError(result.error);
    else if (result.value.kind === 'error') onError(result.value.error);
    else props.onState(result.value);
  }

  const provision = () => run('provisioning', () => window.mamori.provision(), setProvisionError);
  const add = (event: FormEvent) => {
    event.preventDefault();
    const name = label.trim();
    void run('adding', () => window.mamori.addFromLink(link.trim(), name === '' ? undefined : name), setAddError);
  };
  const saveUrl = (event: FormEvent) => {
    event.preventDefault();
    void run('saving', () => window.mamori.updateSettings({ serviceUrl: url.trim() }), setProvisionError);
  };

  return (
    <div className="setup">
      <h2>{m.setupTitle}</h2>
      <p className="muted">{m.setupIntro}</p>

      <section className="card" aria-labelledby="provision-title">
        <h3 id="provision-title" className="visually-hidden">
          {m.getCredential(serviceName(props.serviceUrl))}
        </h3>
        <button
          type="button"
          className="primary wide"
          onClick={() => void provision()}
          disabled={busy !== 'idle'}
          aria-busy={busy === 'provisioning'}
        >
          {busy === 'provisioning'
            ? m.gettingCredential
            : provisionError
              ? m.tryAgain
              : m.getCredential(serviceName(props.serviceUrl))}
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
            <button type="submit" disabled={busy !== 'idle'}>
              {m.serviceSave}
            </button>
          </form>
        </details>
      </section>

      <section className="card" aria-labelledby="add-title">
        <h3 id="add-title">{m.addTitle}</h3>
        <form onSubmit={add} className="stack">
          <label>
            {m.addLinkLabel}
            <input
              value={link}
              onChange={(event) => setLink(event.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
              required
            />
          </label>
          <label>
            {m.addNameLabel}
            <input value={label} onChange={(event) => setLabel(event.currentTarget.value)} autoComplete="off" />
          </label>
          <button type="submit" disabled={busy !== 'idle'} aria-busy={busy === 'adding'}>
            {busy === 'adding' ? m.adding : m.addButton}
          </button>
          {addError && <ErrorMessage m={m} error={addError} />}
        </form>
      </section>
    </div>
  );
}
