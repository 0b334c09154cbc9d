/**
 * The desktop app's quick-capture window: the capture form and nothing else.
 * Main creates this window hidden at start-up; on a hotkey it sends the
 * press (the type to preset, its time, the incident it logs to) and then
 * shows and focuses the window. The field keeps focus while the window is
 * hidden, and a press never clears what is in it (only logging or
 * cancelling does), so keys typed before the press message arrives are kept.
 */
import { StrictMode, useEffect, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { create } from 'zustand';
import type { LoggableKind } from '../shared/incident';
import type { CaptureBridge, CaptureOpen } from '../shared/ipc';
import { CAPTURE_BRIDGE_KEY } from '../shared/ipc-names';
import { CaptureForm } from './features/capture/CaptureForm';
import './app/tokens.css';
import './app/styles.css';
import { startTheme } from './stores/theme';
import { storedUtc } from './stores/timeline-ui';

startTheme();
const bridge = (window as unknown as Record<string, CaptureBridge | undefined>)[CAPTURE_BRIDGE_KEY];

const usePress = create<{ press: CaptureOpen | null; kind: LoggableKind }>(() => ({ press: null, kind: 'note' }));

let field: HTMLTextAreaElement | null = null;
// Listening from the first moment, not from a React effect: a press may come as soon as the page loads.
bridge?.onOpen((press) => {
  usePress.setState((s) => ({ press, kind: press.kind ?? s.kind }));
  field?.focus();
});

function CaptureWindow() {
  const input = useRef<HTMLTextAreaElement>(null);
  const press = usePress((s) => s.press);
  const kind = usePress((s) => s.kind);
  useEffect(() => {
    field = input.current;
    field?.focus();
  }, []);
  if (!bridge) return <p className="form-error">This page is Command Post’s quick-capture window and works only inside the desktop app.</p>;
  return (
    <main className="capture-window-main">
      <CaptureForm
        kind={kind}
        onKindChange={(next) => usePress.setState({ kind: next })}
        at={press?.at ?? null}
        target={press?.target ?? null}
        inputRef={input}
        utc={storedUtc()}
        onSubmit={async (logAs, text, statedAt) => {
          const result = await bridge.submit({ kind: logAs, text, ...(statedAt === null ? {} : { at: statedAt }) });
          return result.ok ? null : result.message;
        }}
        onCancel={() => void bridge.cancel()}
      />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CaptureWindow />
  </StrictMode>,
);
