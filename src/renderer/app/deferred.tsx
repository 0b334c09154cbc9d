/**
 * Parts of the app loaded when first shown rather than at start-up (the
 * incident's views, the dialogs): a new or empty profile's first screen, the
 * incident list, needs none of them. Each can be loaded ahead (app/parts.ts
 * does once the first view is on screen), so a dialog opened later shows at
 * once. A part that cannot be loaded (the web host stopped, a file missing)
 * says so; the rest of the app keeps working.
 */
import { Component, lazy, Suspense, useState, type ComponentType, type ErrorInfo, type ReactNode } from 'react';

/** A part of the app whose code could not be loaded, as opposed to one that failed while rendering. */
export class PartLoadError extends Error {}

export interface DeferredPart<P extends object> {
  (props: P): ReactNode;
  /** Loads the part's code without showing it; resolves once it can be shown without waiting. */
  preload(): Promise<unknown>;
}

/**
 * `what` names the part in the message shown when it cannot be loaded ("The
 * Declare dialog"). A failed load is not tried again: a browser keeps a
 * module that failed to load failed until the page is reloaded.
 */
export function deferred<P extends object>(what: string, load: () => Promise<ComponentType<P>>): DeferredPart<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = (): Promise<ComponentType<P>> =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        throw new PartLoadError(`${what} could not be loaded (${error instanceof Error ? error.message : String(error)})`);
      },
    ));
  const OnDemand = lazy(() => preload().then((component) => ({ default: component })));

  function Part(props: P) {
    // Chosen once per mount: switching from the lazy component to the loaded one would remount it, losing what was typed.
    const [Shown] = useState<ComponentType<P>>(() => loaded ?? OnDemand);
    return <Shown {...props} />;
  }
  return Object.assign(Part, { preload });
}

interface BoundaryProps {
  children: ReactNode;
  /** Shown while the part's code loads. */
  fallback?: ReactNode;
  /** What to show instead of a part that could not be loaded. */
  failed(error: PartLoadError): ReactNode;
  /** Told once when a part fails to load. */
  onFailure?(error: PartLoadError): void;
}

/**
 * Shows deferred parts: the fallback while one loads, `failed` if it cannot
 * be. Any other error is passed on, as if this boundary were not there.
 */
export class PartBoundary extends Component<BoundaryProps, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo) {
    if (error instanceof PartLoadError) this.props.onFailure?.(error);
  }

  override render() {
    const { error } = this.state;
    if (error instanceof PartLoadError) return this.props.failed(error);
    if (error) throw error;
    return <Suspense fallback={this.props.fallback ?? null}>{this.props.children}</Suspense>;
  }
}
