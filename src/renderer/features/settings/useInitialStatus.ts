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
