import { useEffect, useState } from 'react';
import type { DiscoveryStatus } from '../../../shared/ipc';
import type { DiscoveryControl } from '../../host/types';

/**
 * Main's discovery while the Join dialog is open: asks main to list command
 * posts (it asks the network only while someone watches) and stops it when
 * the dialog closes. Each change main pushes replaces the status.
 */
export function useLanDiscovery(discovery: DiscoveryControl): { status: DiscoveryStatus | null; error: string | null } {
  const [status, setStatus] = useState<DiscoveryStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const unsubscribe = discovery.onChange((next) => {
      if (live) setStatus(next);
    });
    discovery.watch(true).then(
      (next) => {
        if (live) setStatus(next);
      },
      (reason: unknown) => {
        if (live) setError(`Could not look for command posts on this network: ${reason instanceof Error ? reason.message : String(reason)}`);
      },
    );
    return () => {
      live = false;
      unsubscribe();
      discovery.watch(false).catch((reason: unknown) => console.error('[command-post] could not stop looking for command posts', reason));
    };
  }, [discovery]);
  return { status, error };
}
