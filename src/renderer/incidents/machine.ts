/** This machine as the members list names it: "Linux x86_64 · desktop app". */
import { host } from '../host';
import { machineLabel } from '../../shared/trust/invites';

export async function machineName(): Promise<string> {
  const info = await host.getAppInfo().catch(() => null);
  return machineLabel([info?.platform, host.kind === 'electron' ? 'desktop app' : 'browser']);
}
