import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { AppError } from '../../electron/shared/contract.js';
import { AddPanel, type AddPanelProps } from './AddPanel.js';
import { ErrorMessage } from './ErrorView.js';
import { hasTokenService, type FirstStart } from './first-start.js';
import { OtherWays, type OtherWaysProps } from './OtherWays.js';
import { ServiceAddress, serviceName } from './ServiceAddress.js';

/**
 * No credential yet. During the start's own attempt: only the progress (its words are in the
 * window's status line). After a failure: the error, a focused retry, the service address and the
 * other ways folded under one control, so that this first view fits the 380×470 window. Also
 * shown, without an error, after the last credential was deleted or "Start fresh".
 */
export function Setup(props: OtherWaysProps & { serviceUrl: string; firstStart: FirstStart; onProvision: () => void }) {
  const { m, firstStart, onProvision, serviceUrl, ...ways } = props;
  if (firstStart.kind === 'provisioning' && firstStart.automatic) return <progress className="wide first-progress" aria-hidden="true" />;

  const configured = hasTokenService(serviceUrl);
  const error = firstStart.kind === 'failed' ? firstStart.error : undefined;
  const busy = firstStart.kind === 'provisioning';
  return (
    <div className="setup">
      <h2>{m.setupTitle}</h2>
      {error && <ErrorMessage m={m} error={error} />}
      {!error && !busy && <p className="muted">{configured ? m.setupIntro : m.setupNoService}</p>}
      {configured && (
        <ProvisionButton label={busy ? m.gettingCredential : error ? m.tryAgain : m.getCredential(serviceName(serviceUrl))} busy={busy} failure={error} onClick={onProvision} />
      )}
      {/* Unfolded when there is no service: then the address and the other ways are all there is. */}
      <ServiceAddress m={m} serviceUrl={serviceUrl} open={!configured} onState={ways.onState} />
      <Disclosure label={m.otherWays} initiallyOpen={!configured}>
        <OtherWays m={m} {...ways} />
      </Disclosure>
    </div>
  );
}

/**
 * The setup screen's main button. While busy it stays focusable (aria-disabled, clicks ignored)
 * rather than disabled, so that the keyboard focus is not dropped to the page during a retry.
 * Each new `failure` moves the focus here: the one action that helps.
 */
function ProvisionButton(props: { label: string; busy: boolean; failure: AppError | undefined; onClick: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (props.failure !== undefined) button.current?.focus();
  }, [props.failure]);
  return (
    <button
      ref={button}
      type="button"
      className="primary wide"
      aria-disabled={props.busy}
      aria-busy={props.busy}
      onClick={() => {
        if (!props.busy) props.onClick();
      }}
    >
      {props.label}
    </button>
  );
}

/** One button that shows and hides a region (WAI-ARIA disclosure): the button keeps the focus. */
function Disclosure(props: { label: string; initiallyOpen: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(props.initiallyOpen);
  const buttonId = useId();
  const regionId = useId();
  return (
    <div className="disclosure">
      <button id={buttonId} type="button" className="disclosure-button" aria-expanded={open} aria-controls={regionId} onClick={() => setOpen(!open)}>
        {/* A chevron that points down once open. */}
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          <path d="M6 3.5 10.5 8 6 12.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        {props.label}
      </button>
      <div id={regionId} role="region" aria-labelledby={buttonId} hidden={!open}>
        {props.children}
      </div>
    </div>
  );
}

/** "Add account" from the main view: the same choices, with a way back. */
export function AddScreen(props: AddPanelProps & { onBack: () => void }) {
  const { onBack, ...panel } = props;
  const { m } = panel;
  const heading = useRef<HTMLHeadingElement>(null);
  // Focused on arrival, so that a screen reader starts reading the new screen at its title.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="add-screen">
      <div className="row screen-title">
        <h2 tabIndex={-1} ref={heading}>
          {m.addScreenTitle}
        </h2>
        <button type="button" onClick={onBack}>
          {m.back}
        </button>
      </div>
      <AddPanel {...panel} />
    </div>
  );
}
