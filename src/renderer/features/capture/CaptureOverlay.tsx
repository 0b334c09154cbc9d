import { useLayoutEffect, useRef } from 'react';
import { CommandError } from '../../../shared/incident/errors';
import type { LoggableKind } from '../../../shared/incident/kinds';
import { CaptureForm } from './CaptureForm';
import { closeCapture, registerCaptureElements, setCaptureKind, useCaptureUi } from './capture-ui';
import { useCaptureTarget } from './target';
import { commands } from '../../incidents/commands';
import { useTimelineUi } from '../../stores/timeline-ui';

/**
 * Quick capture inside the page: the web host's, and the desktop app's while
 * its window has focus. Always in the DOM, its dialog closed, so a chord can
 * show it and focus its field synchronously (see capture-ui.ts).
 */
export function CaptureOverlay() {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const kind = useCaptureUi((s) => s.kind);
  const at = useCaptureUi((s) => s.at);
  const target = useCaptureTarget();
  const utc = useTimelineUi((s) => s.utc);

  useLayoutEffect(() => registerCaptureElements(dialog.current, input.current), []);

  function submit(logAs: LoggableKind, text: string, statedAt: number | null): string | null {
    const when = statedAt ?? at;
    try {
      commands.logEvent({ kind: logAs, text, ...(when === null ? {} : { at: when }) });
    } catch (caught) {
      return caught instanceof CommandError ? caught.message : String(caught);
    }
    // For the capture benchmark: the event is in the incident's document now.
    performance.clearMarks('capture-logged');
    performance.mark('capture-logged');
    closeCapture();
    return null;
  }

  return (
    <dialog
      ref={dialog}
      className="modal capture-overlay"
      aria-label="Quick capture"
      onCancel={(event) => {
        event.preventDefault();
        closeCapture();
      }}
      onClose={() => useCaptureUi.setState({ open: false, at: null })}
    >
      <CaptureForm kind={kind} onKindChange={setCaptureKind} at={at} target={target} inputRef={input} utc={utc} onSubmit={submit} onCancel={closeCapture} />
    </dialog>
  );
}
