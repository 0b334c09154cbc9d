/**
 * The public half of the organisation's update signing key, shipped with the
 * app as update-signing-key.pem. The repository commits none: whoever builds
 * Command Post for an organisation makes the pair (npm run update:keygen),
 * keeps the private half off the build machine's repository, and the
 * installer carries the public half in its resources folder
 * (electron-builder's extraResources). A build without it installs no update.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { UpdateRefused } from './refusal';
import { errorCode, reasonOf } from './signature';

export const UPDATE_SIGNING_KEY_FILE = 'update-signing-key.pem';

export interface SigningKeyLocation {
  isPackaged: boolean;
  /** process.resourcesPath: where extraResources land in an installed app. */
  resourcesPath: string;
  /** app.getAppPath(): the project folder in development, whose resources/ holds the key if one was made. */
  appPath: string;
}

export function signingKeyPath({ isPackaged, resourcesPath, appPath }: SigningKeyLocation): string {
  return isPackaged ? join(resourcesPath, UPDATE_SIGNING_KEY_FILE) : join(appPath, 'resources', UPDATE_SIGNING_KEY_FILE);
}

/**
 * The key, null when the build carries none; rejects with UpdateRefused when
 * the file is there but is not an Ed25519 public key (a build that shipped
 * the private key, or another kind of key, must not be trusted to verify).
 */
export async function loadSigningKey(path: string, readFile: (path: string) => Promise<string>): Promise<KeyObject | null> {
  let pem: string;
  try {
    pem = await readFile(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw new UpdateRefused('bad-signing-key', `This build's update signing key (${path}) could not be read (${reasonOf(error)}), so no update can be checked.`, { cause: error });
  }
  // createPublicKey would happily derive the public key from a private one:
  // refuse that loudly, since the private key has then leaked into every installer.
  if (/PRIVATE KEY/.test(pem)) {
    throw new UpdateRefused(
      'bad-signing-key',
      `This build ships a private key as its update signing key (${path}). Anyone who has the installer can sign updates with it, so none is trusted: make a new key pair and ship only the public key.`,
    );
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new UpdateRefused('bad-signing-key', `This build's update signing key (${path}) is not a public key in PEM form (${reasonOf(error)}), so no update can be checked.`, { cause: error });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new UpdateRefused('bad-signing-key', `This build's update signing key (${path}) is a ${key.asymmetricKeyType ?? 'unknown'} key; updates are signed with Ed25519 (npm run update:keygen makes one).`);
  }
  return key;
}
