/**
 * Whether this machine takes part in discovery at all: Settings (the
 * `discovery` section) and, over it, COMMAND_POST_DISCOVERY for managed
 * machines (0 turns it off whatever Settings say, 1 turns it on whatever
 * they say; unset, Settings decide). No Electron here.
 */
import type { DiscoveryPreferences } from '../../shared/ipc';
import { displayText, MAX_DISPLAY_NAME } from '../../shared/sync/lan-announcement';
import { type EnvSetting, type NetworkInterfaces, parseSwitch, SignalingSettingsError } from '../signaling/settings';

export const DISCOVERY_ENV = 'COMMAND_POST_DISCOVERY';

export const DEFAULT_DISCOVERY: DiscoveryPreferences = { enabled: true, displayName: '' };

export function discoveryEnvSource(env: Readonly<Record<string, string | undefined>>): EnvSetting | null {
  const value = env[DISCOVERY_ENV];
  return value === undefined || value.trim() === '' ? null : { variable: DISCOVERY_ENV, value };
}

export type DiscoverySwitch = { enabled: true } | { enabled: false; reason: string };

/**
 * Settings with the environment on top. A variable that cannot be understood
 * turns discovery off (it decides what this machine says to the network, so
 * it is not guessed) and says why.
 */
export function discoverySwitch(preferences: DiscoveryPreferences, env: Readonly<Record<string, string | undefined>>): DiscoverySwitch {
  const source = discoveryEnvSource(env);
  if (source) {
    let on: boolean;
    try {
      on = parseSwitch(source.value, DISCOVERY_ENV);
    } catch (error) {
      const message = error instanceof SignalingSettingsError ? error.message : String(error);
      return { enabled: false, reason: `${message} Until it is, this machine neither announces shares nor lists other command posts.` };
    }
    if (!on) return { enabled: false, reason: `${DISCOVERY_ENV}=${source.value.trim()} turns discovery off on this machine: nothing is announced on the network and no list of command posts is shown. Join with a short code or an invite instead.` };
    return { enabled: true };
  }
  if (!preferences.enabled) return { enabled: false, reason: 'Discovery is off in Settings: nothing is announced on the network and no list of command posts is shown.' };
  return { enabled: true };
}

/** The display name as announced: cleaned, at most MAX_DISPLAY_NAME characters, or none. */
export function announcedDisplayName(preferences: DiscoveryPreferences): string | null {
  return displayText(preferences.displayName, MAX_DISPLAY_NAME);
}

/**
 * Interfaces of virtual machines, containers and VPNs: announcing there
 * reaches no other command post in the room, only the host's guests or a
 * tunnel (Docker, libvirt, VirtualBox, VMware, Hyper-V/WSL, WireGuard,
 * Tailscale, ZeroTier, other tunnels).
 */
const VIRTUAL_INTERFACE = /^(?:docker|br-|veth|virbr|vmnet|vboxnet|cni|flannel|podman|lxcbr|lxdbr|vethernet|virtualbox|vmware|tailscale|utun|tun|wg|zt)/i;

/**
 * The IPv4 addresses discovery announces and asks on: this machine's
 * non-loopback ones on physical-looking interfaces, in interface order, one
 * per interface (multicast joins an interface, not an address).
 */
export function discoveryInterfaces(interfaces: NetworkInterfaces): string[] {
  const addresses: string[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    if (VIRTUAL_INTERFACE.test(name)) continue;
    const info = (infos ?? []).find((i) => i.family === 'IPv4' && !i.internal);
    if (info && !addresses.includes(info.address)) addresses.push(info.address);
  }
  return addresses;
}
