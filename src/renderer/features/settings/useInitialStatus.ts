import { useEffect, useEffectEvent } from 'react';

/** A thrown value as words for a settings form. */
export function messageOf(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}

/**
 * A settings form's first read of what its host capability reports (the
 * signaling server, discovery): handed to `loaded` once per control, or,
 * when it cannot be read, "<what> could not be read: …" to `failed`. An
 * answer arriving after the form closed is dropped.
 */
export function useInitialStatus<S>(control: { readonly getStatus: () => Promise<S> }, what: string, loaded: (status: S) => void, failed: (message: string) => void): void {
  const onLoaded = useEffectEvent(loaded);
  const onFailed = useEffectEvent(failed);
  useEffect(() => {
    let current = true;
    control
      .getStatus()
      .then((status) => current && onLoaded(status))
      .catch((caught: unknown) => current && onFailed(`${what} could not be read: ${messageOf(caught)}`));
    return () => {
      current = false;
    };
  }, [control, what]);
}

/** The parts of a settings form's state that sending a change touches. */
export interface ChangeForm<S> {
  setBusy(busy: boolean): void;
  setStatus(status: S): void;
  setError(error: string | null): void;
  setSaved(saved: boolean): void;
}

/**
 * Sends a settings form's change to main: busy while it is asked, then
 * main's answer as the form's status, its refusal (or why asking failed) as
 * the form's error, and "saved" only when nothing was refused. Resolves with
 * main's answer, or null when main could not be asked.
 */
export async function submitChange<S, R extends { readonly status: S; readonly error: string | null }>(change: () => Promise<R>, form: ChangeForm<S>): Promise<R | null> {
  form.setBusy(true);
  form.setError(null);
  try {
    const result = await change();
    form.setStatus(result.status);
    form.setError(result.error);
    form.setSaved(result.error === null);
    return result;
  } catch (caught) {
    form.setError(messageOf(caught));
    return null;
  } finally {
    form.setBusy(false);
  }
}
