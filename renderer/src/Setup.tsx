import { useEffect, useRef } from 'react';
import type { AppState } from '../../electron/shared/contract.js';
import { AddPanel, type AddPanelProps, type AddReport } from './AddPanel.js';
import type { Messages } from './messages/index.js';

/** First start (or after the last credential was deleted): every way to get a credential. */
export function Setup(props: {
  m: Messages;
  serviceUrl: string;
  onState: (state: AppState) => void;
  onAdded: (report: AddReport) => void;
  onRestore: () => void;
}) {
  const { m } = props;
  return (
    <div className="setup">
      <h2>{m.setupTitle}</h2>
      <p className="muted">{m.setupIntro}</p>
      <AddPanel m={m} serviceUrl={props.serviceUrl} onState={props.onState} onProvisioned={props.onState} onAdded={props.onAdded} onRestore={props.onRestore} />
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
