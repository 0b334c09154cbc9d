/**
 * A browser keeps a site's IndexedDB only "best effort": short of space, it
 * may delete it, and with it the only copy of an incident. So when an
 * incident is declared or joined, the host asks for persistent storage
 * (the desktop app's is persistent already), and a refusal is said once
 * per page, with what it means and what to do.
 */
import { host } from '../host';
import { addNotice } from '../stores/notices';

const STORAGE_REFUSED_NOTICE =
  'This browser did not agree to keep incidents for good: short of space, it may delete them. Export each incident now and then (Export, in its header), or use the desktop app.';

let told = false;

/** Asks for persistent storage; says once if the browser would not give it. Never throws. */
export async function keepIncidentsDurable(): Promise<void> {
  const durability = await host.keepStorage().catch(() => 'unsupported' as const);
  if (durability === 'persistent' || told) return;
  told = true;
  addNotice('warning', STORAGE_REFUSED_NOTICE);
}
