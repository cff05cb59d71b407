import { useState } from 'react';
import type { AppError } from '../../electron/shared/contract.js';
import { ErrorMessage } from './ErrorView.js';
import { OtherWays, type OtherWaysProps } from './OtherWays.js';
import { ServiceAddress, serviceName } from './ServiceAddress.js';
import { stateOrError } from './state-answer.js';

export type AddPanelProps = OtherWaysProps & { serviceUrl: string };

/**
 * The "Add account" screen's choices: another credential from the token service first, then
 * every other way, all unfolded (the customer came here to choose).
 */
export function AddPanel(props: AddPanelProps) {
  const { m } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError>();

  const provision = async () => {
    setBusy(true);
    setError(undefined);
    const answer = stateOrError(await window.mamori.provision());
    setBusy(false);
    if (answer.error) setError(answer.error);
    else props.onProvisioned(answer.state);
  };

  return (
    <>
      <section className="card" aria-labelledby="provision-title">
        <h3 id="provision-title" className="visually-hidden">
          {m.getCredential(serviceName(props.serviceUrl))}
        </h3>
        <button type="button" className="primary wide" onClick={() => void provision()} disabled={busy} aria-busy={busy}>
          {busy ? m.gettingCredential : error ? m.tryAgain : m.getCredential(serviceName(props.serviceUrl))}
        </button>
        {busy && <progress className="wide" aria-label={m.gettingCredential} />}
        {error && <ErrorMessage m={m} error={error} />}
        <ServiceAddress m={m} serviceUrl={props.serviceUrl} onState={props.onState} />
      </section>
      <OtherWays {...props} />
    </>
  );
}
