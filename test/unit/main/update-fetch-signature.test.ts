/**
 * Fetching <installer>.sig from the update server
 * (src/main/updates/fetch-signature.ts): a missing one is a refusal that
 * says where it was looked for, and a body too large to be a signature is
 * not read to its end.
 */
import { describe, expect, it, vi } from 'vitest';
import { fetchSignatureText } from '../../../src/main/updates/fetch-signature';

const URL_ = 'http://updates.corp.example/cp/Command%20Post%20Setup%201.4.0.exe.sig';

describe('fetching a signature from the update server', () => {
  it('returns its text', async () => {
    const fetch = vi.fn(async () => new Response('{"format":"x"}'));
    expect(await fetchSignatureText(fetch, URL_)).toBe('{"format":"x"}');
    expect(fetch).toHaveBeenCalledWith(URL_, { cache: 'no-store' });
  });

  it('refuses, naming the file and the address, when the server has none', async () => {
    const error = await fetchSignatureText(async () => new Response('not found', { status: 404 }), URL_).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'no-signature' });
    expect(String(error)).toContain(`The update source has no Command Post Setup 1.4.0.exe.sig beside the installer (${URL_})`);
  });

  it('refuses a server error and an unreachable server, saying which', async () => {
    await expect(fetchSignatureText(async () => new Response('', { status: 500 }), URL_)).rejects.toThrow('the server answered 500');
    await expect(fetchSignatureText(() => Promise.reject(new Error('net::ERR_CONNECTION_RESET')), URL_)).rejects.toThrow('could not be fetched (net::ERR_CONNECTION_RESET)');
  });

  it('stops reading a body larger than a signature can be, whatever its length header says', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    await expect(fetchSignatureText(async () => new Response(endless), URL_, 4096)).rejects.toThrow('larger than a signature can be (over 4096 bytes)');
    expect(pulled).toBeLessThan(10);
    const declared = new Response('x', { headers: { 'content-length': '999999' } });
    await expect(fetchSignatureText(async () => declared, URL_, 4096)).rejects.toThrow('larger than a signature can be');
  });
});
