import { useState, type FormEvent } from 'react';
import type { AppError, AppState } from '../../electron/shared/contract.js';
import { ErrorMessage } from './ErrorView.js';
import type { Messages } from './messages/index.js';
import { stateOrError } from './state-answer.js';

/** What the customer sees as the service's name: its host, not the whole URL. */
export function serviceName(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/**
 * The token service's address, folded away: customers rarely need it, but a wrong or missing one
 * must be fixable from the setup screen. `open`: unfolded from the start (no service configured).
 */
export function ServiceAddress(props: { m: Messages; serviceUrl: string; open?: boolean; onState: (state: AppState) => void }) {
  const { m } = props;
  const [url, setUrl] = useState(props.serviceUrl);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError>();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    const answer = stateOrError(await window.mamori.updateSettings({ serviceUrl: url.trim() }));
    setSaving(false);
    if (answer.error) setError(answer.error);
    else props.onState(answer.state);
  };

  return (
    <details className="service" open={props.open}>
      <summary>{m.serviceLabel}</summary>
      <form onSubmit={(event) => void save(event)} className="row">
        <input type="url" aria-label={m.serviceLabel} value={url} onChange={(event) => setUrl(event.currentTarget.value)} spellCheck={false} required />
        <button type="submit" disabled={saving}>
          {m.serviceSave}
        </button>
      </form>
      {error && <ErrorMessage m={m} error={error} />}
    </details>
  );
}
