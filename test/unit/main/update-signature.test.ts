/**
 * The detached signature over an update (src/main/updates/signature.ts),
 * signed by the release script (scripts/sign-update.mjs) with a key pair
 * made here, so the two halves are checked against each other.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain Node script, without declarations.
import { signUpdateFile } from '../../../scripts/sign-update.mjs';
import { UpdateRefused } from '../../../src/main/updates/refusal';
import { MAX_SIGNATURE_BYTES, readSignatureBeside, signedBytes, SIGNATURE_FORMAT, verifyUpdate } from '../../../src/main/updates/signature';
import { loadSigningKey, signingKeyPath, UPDATE_SIGNING_KEY_FILE } from '../../../src/main/updates/signing-key';

const INSTALLER = 'Command Post Setup 1.4.0.exe';

let dir = '';
let installer = '';
let keys: { publicKey: KeyObject; privateKey: KeyObject };

function privatePem(key: KeyObject = keys.privateKey): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

async function signed(options: { path?: string; version?: string; key?: KeyObject } = {}): Promise<string> {
  const { sigPath } = (await signUpdateFile({ installerPath: options.path ?? installer, privateKeyPem: privatePem(options.key), version: options.version ?? '1.4.0' })) as { sigPath: string };
  return readFile(sigPath, 'utf8');
}

async function refusal(promise: Promise<unknown>): Promise<UpdateRefused> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof UpdateRefused)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'command-post-update-'));
  installer = join(dir, INSTALLER);
  // Not a real installer: bytes enough to span several read chunks.
  await writeFile(installer, Buffer.alloc(300_000, 7));
  keys = generateKeyPairSync('ed25519');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('an update signed with the organisation’s key', () => {
  it('is accepted: the version and hash that were signed come back', async () => {
    const text = await signed();
    const verified = await verifyUpdate({ filePath: installer, signatureText: text, publicKey: keys.publicKey, runningVersion: '1.3.2' });
    expect(verified).toEqual({ file: INSTALLER, version: '1.4.0', sha512: JSON.parse(text).sha512 });
    expect(JSON.parse(text).format).toBe(SIGNATURE_FORMAT);
  });

  it('is read from the .sig beside the installer', async () => {
    const text = await signed();
    expect(await readSignatureBeside(installer)).toBe(text);
  });

  it('is accepted when the announced version is the signed one', async () => {
    const text = await signed();
    await expect(verifyUpdate({ filePath: installer, signatureText: text, publicKey: keys.publicKey, runningVersion: '1.3.2', announcedVersion: '1.4.0' })).resolves.toMatchObject({
      version: '1.4.0',
    });
  });
});

describe('an update is refused, saying why', () => {
  it('when the build carries no signing key', async () => {
    const text = await signed();
    const error = await refusal(verifyUpdate({ filePath: installer, signatureText: text, publicKey: null, runningVersion: '1.3.2' }));
    expect(error.kind).toBe('no-signing-key');
    expect(error.message).toMatch(/^This build carries no update signing key/);
    expect(error.message).toContain('Install the new version by hand');
  });

  it('when it was signed with another key', async () => {
    const text = await signed({ key: generateKeyPairSync('ed25519').privateKey });
    const error = await refusal(verifyUpdate({ filePath: installer, signatureText: text, publicKey: keys.publicKey, runningVersion: '1.3.2' }));
    expect(error.kind).toBe('wrong-key');
    expect(error.message).toContain(`The signature in ${INSTALLER}.sig was not made with the update signing key this build of Command Post trusts`);
  });

  it('when a signed field was changed after signing', async () => {
    const document = JSON.parse(await signed());
    const text = JSON.stringify({ ...document, version: '9.0.0' });
    expect((await refusal(verifyUpdate({ filePath: installer, signatureText: text, publicKey: keys.publicKey, runningVersion: '1.3.2' }))).kind).toBe('wrong-key');
  });

  it('when one byte of the installer changed', async () => {
    const text = await signed();
    const bytes = await readFile(installer);
    bytes.writeUInt8((bytes.readUInt8(200_000) ^ 1), 200_000);
    await writeFile(installer, bytes);
    const error = await refusal(verifyUpdate({ filePath: installer, signatureText: text, publicKey: keys.publicKey, runningVersion: '1.3.2' }));
    expect(error.kind).toBe('altered-file');
    expect(error.message).toBe(
      `${INSTALLER} is not the file that was signed: its contents differ (a copy that did not finish, a damaged disk, or a changed file). Copy it again from its source, with its .sig.`,
    );
  });

  it('when the installer was cut short (a copy that did not finish)', async () => {
    const text = await signed();
    await truncate(installer, 1000);
    expect((await refusal(verifyUpdate({ filePath: installer, signatureText: text, publicKey: keys.publicKey, runningVersion: '1.3.2' }))).kind).toBe('altered-file');
  });

  it('when the installer was renamed', async () => {
    const text = await signed();
    const renamed = join(dir, 'Command Post Setup 1.5.0.exe');
    await rename(installer, renamed);
    const error = await refusal(verifyUpdate({ filePath: renamed, signatureText: text, publicKey: keys.publicKey, runningVersion: '1.3.2' }));
    expect(error.kind).toBe('wrong-file');
    expect(error.message).toContain(`Command Post Setup 1.5.0.exe.sig signs a file named ${INSTALLER}, not Command Post Setup 1.5.0.exe`);
  });

  it.each([
    ['the same version', '1.4.0', '1.4.0'],
    ['an older version', '1.4.0', '1.10.0'],
    ['a pre-release of the running version', '1.4.0-rc.1', '1.4.0'],
  ])('when it is not newer than the running version (%s)', async (_case, version, running) => {
    const text = await signed({ version });
    const error = await refusal(verifyUpdate({ filePath: installer, signatureText: text, publicKey: keys.publicKey, runningVersion: running }));
    expect(error.kind).toBe('not-newer');
    expect(error.message).toContain(`${INSTALLER} is version ${version}, which is not newer than the version running now (${running})`);
    expect(error.message).toContain('does not go back to an older version');
  });

  it('when the feed announces another version than the one signed', async () => {
    const text = await signed();
    const error = await refusal(verifyUpdate({ filePath: installer, signatureText: text, publicKey: keys.publicKey, runningVersion: '1.3.2', announcedVersion: '1.5.0' }));
    expect(error.kind).toBe('version-mismatch');
    expect(error.message).toContain('announced as version 1.5.0, but');
  });

  it.each([
    ['not JSON', 'signature', /\(it is not JSON\)/],
    ['another format', JSON.stringify({ format: 'other/1' }), /format: must be "command-post-update-signature\/1"/],
    ['a folder in the name', 'folder', /file: must be a file name, without a folder/],
    ['a bad version', 'version', /version: must be a version number/],
    ['a short signature', 'short', /signature: must be 64 bytes in base64/],
    ['an unknown field', 'extra', /Unrecognized key/],
  ])('when the .sig is malformed (%s)', async (_case, change, message) => {
    const document = JSON.parse(await signed());
    const text =
      change === 'folder'
        ? JSON.stringify({ ...document, file: `../${INSTALLER}` })
        : change === 'version'
          ? JSON.stringify({ ...document, version: 'latest' })
          : change === 'short'
            ? JSON.stringify({ ...document, signature: 'AAAA' })
            : change === 'extra'
              ? JSON.stringify({ ...document, trusted: true })
              : change;
    const error = await refusal(verifyUpdate({ filePath: installer, signatureText: text, publicKey: keys.publicKey, runningVersion: '1.3.2' }));
    expect(error.kind).toBe('malformed-signature');
    expect(error.message).toMatch(new RegExp(`^${INSTALLER}\\.sig is not a Command Post update signature`));
    expect(error.message).toMatch(message);
  });

  it('when there is no .sig beside the installer', async () => {
    const error = await refusal(readSignatureBeside(installer));
    expect(error.kind).toBe('no-signature');
    expect(error.message).toContain(`There is no signature beside ${INSTALLER} (looked for ${installer}.sig)`);
  });

  it('when the .sig is far too large to be one, without reading it', async () => {
    await writeFile(`${installer}.sig`, 'x'.repeat(MAX_SIGNATURE_BYTES + 1));
    const error = await refusal(readSignatureBeside(installer));
    expect(error.kind).toBe('malformed-signature');
    expect(error.message).toContain(`${INSTALLER}.sig is ${MAX_SIGNATURE_BYTES + 1} bytes, far larger than a signature`);
  });

  it('when the installer is larger than any installer could be', async () => {
    const text = await signed();
    const error = await refusal(verifyUpdate({ filePath: installer, signatureText: text, publicKey: keys.publicKey, runningVersion: '1.3.2', maxInstallerBytes: 1000 }));
    expect(error.kind).toBe('too-large');
    expect(error.message).toContain(`${INSTALLER} is 300000 bytes, larger than any Command Post installer (at most 1000 bytes), so it was not read.`);
  });

  it('when the “installer” is a folder', async () => {
    const text = await signed();
    await rm(installer);
    await mkdir(installer);
    const error = await refusal(verifyUpdate({ filePath: installer, signatureText: text, publicKey: keys.publicKey, runningVersion: '1.3.2' }));
    expect(error.kind).toBe('not-a-file');
  });
});

describe('the signing key shipped with the app', () => {
  it('is read from the resources folder when installed, and from the project’s resources/ in development', () => {
    expect(signingKeyPath({ isPackaged: true, resourcesPath: '/opt/Command Post/resources', appPath: '/ignored' })).toBe(join('/opt/Command Post/resources', UPDATE_SIGNING_KEY_FILE));
    expect(signingKeyPath({ isPackaged: false, resourcesPath: '/ignored', appPath: '/src/command-post' })).toBe(join('/src/command-post', 'resources', UPDATE_SIGNING_KEY_FILE));
  });

  it('loads an Ed25519 public key', async () => {
    const path = join(dir, UPDATE_SIGNING_KEY_FILE);
    await writeFile(path, keys.publicKey.export({ type: 'spki', format: 'pem' }));
    const key = await loadSigningKey(path, (p) => readFile(p, 'utf8'));
    expect(key?.equals(keys.publicKey)).toBe(true);
  });

  it('is absent (null, so every update is refused) when the build has none', async () => {
    expect(await loadSigningKey(join(dir, 'none.pem'), (p) => readFile(p, 'utf8'))).toBeNull();
  });

  it('is refused when the build shipped the private key', async () => {
    const path = join(dir, UPDATE_SIGNING_KEY_FILE);
    await writeFile(path, privatePem());
    const error = await refusal(loadSigningKey(path, (p) => readFile(p, 'utf8')));
    expect(error.kind).toBe('bad-signing-key');
    expect(error.message).toContain('ships a private key');
  });

  it('is refused when it is another kind of key or not a key', async () => {
    const path = join(dir, UPDATE_SIGNING_KEY_FILE);
    await writeFile(path, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }));
    expect((await refusal(loadSigningKey(path, (p) => readFile(p, 'utf8')))).message).toContain('is a ec key; updates are signed with Ed25519');
    await writeFile(path, 'hello');
    expect((await refusal(loadSigningKey(path, (p) => readFile(p, 'utf8')))).message).toContain('is not a public key in PEM form');
  });

  it('that cannot be read is reported, not taken as absent', async () => {
    const path = join(dir, UPDATE_SIGNING_KEY_FILE);
    const denied = (p: string) => Promise.reject(Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' }));
    expect((await refusal(loadSigningKey(path, denied))).message).toContain('could not be read (EACCES');
  });
});

describe('the signed bytes', () => {
  it('are the canonical JSON of everything but the signature, so field order does not matter', () => {
    const a = signedBytes({ format: SIGNATURE_FORMAT, file: 'a.exe', version: '1.0.0', sha512: 'x' });
    const b = signedBytes({ sha512: 'x', version: '1.0.0', file: 'a.exe', format: SIGNATURE_FORMAT });
    expect(a.toString()).toBe('{"file":"a.exe","format":"command-post-update-signature/1","sha512":"x","version":"1.0.0"}');
    expect(b.equals(a)).toBe(true);
  });
});
