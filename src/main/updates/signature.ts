/**
 * The detached signature that comes with every update: `<installer>.sig`,
 * beside the installer on the organisation's server or USB stick.
 *
 * Why one of our own, when electron-updater already checks a SHA-512 from
 * latest.yml and, on Windows and macOS, the publisher's code signature: the
 * SHA-512 comes from the same server as the installer (whoever can replace
 * one can replace both), Linux packages have no code signature at all, and an
 * organisation that builds Command Post itself may not own a code-signing
 * certificate. An Ed25519 key pair it makes itself (scripts/update-keygen.mjs)
 * costs nothing, and its public half ships inside the app, so an update is
 * installed only if the organisation's release process signed it.
 *
 * The file is JSON:
 *   { format, file, version, sha512, signature }
 * where `signature` is Ed25519 over the canonical JSON (RFC 8785) of
 * { format, file, version, sha512 }, `sha512` is the installer's SHA-512 in
 * base64 (as in electron-builder's latest.yml) and `file` its name. Signing
 * the name and the version, not only the bytes, is what lets a refusal say
 * "this is not the installer that was signed" or "this is older than what you
 * run" instead of installing an old release someone kept.
 *
 * All cryptography is Node's (node:crypto); nothing here implements any.
 */
import canonicalize from 'canonicalize';
import { createHash, verify, type KeyObject } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { UpdateRefused } from './refusal';
import semver from 'semver';

export const SIGNATURE_FORMAT = 'command-post-update-signature/1';
export const SIGNATURE_EXTENSION = '.sig';
/** A signature is about 400 bytes; anything much larger is not one, and is not read. */
export const MAX_SIGNATURE_BYTES = 16 * 1024;
/** Installers are about 100 MB. A file past this is not one of ours and is not hashed. */
export const MAX_INSTALLER_BYTES = 2 * 1024 ** 3;

/** 64 bytes (an Ed25519 signature, a SHA-512) in standard base64, padding included. */
const Base64Of64Bytes = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be 64 bytes in base64');

export const UpdateSignature = z.strictObject({
  format: z.literal(SIGNATURE_FORMAT, { error: `must be "${SIGNATURE_FORMAT}"` }),
  file: z
    .string()
    .min(1)
    .max(255)
    .refine((name) => name === basename(name) && !/[\\/]/.test(name) && name !== '.' && name !== '..', 'must be a file name, without a folder'),
  // Exactly as electron-builder writes it (semver.valid would also take 'v1.4.0').
  version: z.string().max(256).refine((text) => semver.valid(text) === text, 'must be a version number such as 1.4.0'),
  sha512: Base64Of64Bytes,
  signature: Base64Of64Bytes,
});
export type UpdateSignature = z.infer<typeof UpdateSignature>;

/** What is signed: the canonical JSON of everything but the signature. scripts/sign-update.mjs builds the same bytes. */
export function signedBytes({ format, file, version, sha512 }: Omit<UpdateSignature, 'signature'>): Buffer {
  return Buffer.from(canonicalize({ format, file, version, sha512 }) ?? '', 'utf8');
}

/** What a verified update is: the version and the hash that were signed. */
export interface VerifiedUpdate {
  file: string;
  version: string;
  sha512: string;
}

export interface VerifyUpdateOptions {
  /** The installer as it is on disk. Its name must be the one that was signed. */
  filePath: string;
  /** The text of its .sig. */
  signatureText: string;
  /** This build's update signing key; null when it carries none. */
  publicKey: KeyObject | null;
  /** The version running now (app.getVersion()): only a newer one is installed. */
  runningVersion: string;
  /** The version the feed announces (latest.yml), when there is one: it must be the one that was signed. */
  announcedVersion?: string;
  /** For the tests; MAX_INSTALLER_BYTES otherwise. */
  maxInstallerBytes?: number;
}

/**
 * Checks an installer against its signature, cheapest check first, and
 * resolves with what was signed; rejects with UpdateRefused saying why not.
 * The installer is hashed as a stream (it is about 100 MB) from the same
 * open file whose size and type were checked.
 */
export async function verifyUpdate(options: VerifyUpdateOptions): Promise<VerifiedUpdate> {
  const name = basename(options.filePath);
  const sigName = `${name}${SIGNATURE_EXTENSION}`;
  if (!options.publicKey) throw noSigningKey();

  const signed = parseUpdateSignature(options.signatureText, sigName);
  const { signature, ...payload } = signed;
  if (!verify(null, signedBytes(payload), options.publicKey, Buffer.from(signature, 'base64'))) {
    throw new UpdateRefused(
      'wrong-key',
      `The signature in ${sigName} was not made with the update signing key this build of Command Post trusts: the update was altered after it was signed, or it comes from someone else. Nothing was installed.`,
    );
  }
  if (signed.file !== name) {
    throw new UpdateRefused(
      'wrong-file',
      `${sigName} signs a file named ${signed.file}, not ${name}: the installer was renamed, or the signature belongs to another installer. Keep each installer under its original name, with its own .sig.`,
    );
  }
  // Never back, nor the same again: an old, correctly signed installer must
  // not be replayable, since it would bring back what later releases fixed.
  if (!semver.gt(signed.version, options.runningVersion)) {
    throw new UpdateRefused(
      'not-newer',
      `${name} is version ${signed.version}, which is not newer than the version running now (${options.runningVersion}). Command Post does not go back to an older version, or reinstall the same one, through an update: an old release would bring back what later ones fixed.`,
    );
  }
  if (options.announcedVersion !== undefined && options.announcedVersion !== signed.version) {
    throw new UpdateRefused(
      'version-mismatch',
      `The update is announced as version ${options.announcedVersion}, but ${sigName} was signed for version ${signed.version}: the files beside it do not belong together. Nothing was installed.`,
    );
  }

  const actual = await sha512OfFile(options.filePath, options.maxInstallerBytes ?? MAX_INSTALLER_BYTES);
  if (actual !== signed.sha512) {
    throw new UpdateRefused(
      'altered-file',
      `${name} is not the file that was signed: its contents differ (a copy that did not finish, a damaged disk, or a changed file). Copy it again from its source, with its .sig.`,
    );
  }
  return { file: signed.file, version: signed.version, sha512: signed.sha512 };
}

export function noSigningKey(): UpdateRefused {
  return new UpdateRefused(
    'no-signing-key',
    'This build carries no update signing key, so it cannot tell an update from your organisation from any other file, and installs none. Install the new version by hand (run its installer), or ask whoever builds Command Post for your organisation for a build that ships update-signing-key.pem.',
  );
}

/** The .sig's text, or a refusal saying what is wrong with it. */
export function parseUpdateSignature(text: string, sigName: string): UpdateSignature {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UpdateRefused('malformed-signature', `${sigName} is not a Command Post update signature (it is not JSON). Copy it again from the same place as the installer.`);
  }
  const parsed = UpdateSignature.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
    throw new UpdateRefused('malformed-signature', `${sigName} is not a Command Post update signature (${issues}). Copy it again from the same place as the installer.`);
  }
  return parsed.data;
}

/**
 * Reads `<installer>.sig` from beside the installer, refusing a missing one
 * (with where it was looked for), a folder, or a file too large to be one.
 */
export async function readSignatureBeside(installerPath: string): Promise<string> {
  const name = basename(installerPath);
  const sigPath = `${installerPath}${SIGNATURE_EXTENSION}`;
  let handle;
  try {
    handle = await open(sigPath, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      throw new UpdateRefused(
        'no-signature',
        `There is no signature beside ${name} (looked for ${sigPath}). An update is installed only with the ${name}${SIGNATURE_EXTENSION} made when it was released: copy it from the same place as the installer, into the same folder.`,
      );
    }
    throw new UpdateRefused('no-signature', `The signature ${sigPath} could not be read (${reasonOf(error)}).`, { cause: error });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new UpdateRefused('malformed-signature', `${name}${SIGNATURE_EXTENSION} is not a file, so it is not a signature.`);
    if (stats.size > MAX_SIGNATURE_BYTES) {
      throw new UpdateRefused(
        'malformed-signature',
        `${name}${SIGNATURE_EXTENSION} is ${stats.size} bytes, far larger than a signature (at most ${MAX_SIGNATURE_BYTES}): it is not one, and was not read.`,
      );
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** The file's SHA-512 in base64, read as a stream; refuses what is not a regular file or is larger than `maxBytes`. */
export async function sha512OfFile(path: string, maxBytes: number): Promise<string> {
  const name = basename(path);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new UpdateRefused('not-a-file', `${name} could not be opened (${reasonOf(error)}).`, { cause: error });
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new UpdateRefused('not-a-file', `${name} is not a file (a folder or a device), so it is not an installer.`);
    if (stats.size > maxBytes) {
      throw new UpdateRefused(
        'too-large',
        `${name} is ${formatBytes(stats.size)}, larger than any Command Post installer (at most ${formatBytes(maxBytes)}), so it was not read.`,
      );
    }
    const hash = createHash('sha512');
    // autoClose off: the handle is closed once, below, whatever happens.
    for await (const chunk of handle.createReadStream({ autoClose: false })) hash.update(chunk as Buffer);
    return hash.digest('base64');
  } finally {
    await handle.close();
  }
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${bytes} bytes`;
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
