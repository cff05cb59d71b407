import { useEffect, useEffectEvent, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog>: showModal() makes the rest of the window inert (focus
 * cannot leave it) and Escape closes it. The parent decides whether it is shown by rendering it;
 * closing (Escape, a button) calls onClose, and focus goes back to where it was before.
 */
export function Modal(props: { labelledBy: string; describedBy?: string; onClose: () => void; testId?: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const close = useEffectEvent(() => props.onClose());

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    // The safe choice first (e.g. Cancel), where the dialog names one.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const cancel = (event: Event) => {
      // Escape: React decides what closes, so the dialog never closes behind its back.
      event.preventDefault();
      close();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
      // The opener may be gone (the credential it belonged to was deleted): keep focus in the
      // window's content rather than dropping it on the body, where keyboard users lose their place.
      if (opener?.isConnected) opener.focus();
      else document.querySelector<HTMLElement>('main button')?.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className="modal" aria-labelledby={props.labelledBy} aria-describedby={props.describedBy} data-testid={props.testId}>
      {props.children}
    </dialog>
  );
}
