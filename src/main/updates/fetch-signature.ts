/**
 * Fetching `<installer>.sig` from the organisation's update server, beside
 * the installer electron-updater downloaded. A signature is a few hundred
 * bytes: the body is read only up to MAX_SIGNATURE_BYTES, so a server (or
 * whoever answers in its place) cannot make the app read without end.
 */
import { UpdateRefused } from './refusal';
import { MAX_SIGNATURE_BYTES, reasonOf } from './signature';

export type Fetch = (url: string, init?: { redirect?: 'follow' | 'error' | 'manual'; cache?: 'no-store' }) => Promise<Response>;

export async function fetchSignatureText(fetch: Fetch, url: string, maxBytes = MAX_SIGNATURE_BYTES): Promise<string> {
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store' });
  } catch (error) {
    throw new UpdateRefused('no-signature', `The signature ${url} could not be fetched (${reasonOf(error)}), so the update cannot be checked.`, { cause: error });
  }
  if (response.status === 404) {
    throw new UpdateRefused(
      'no-signature',
      `The update source has no ${name} beside the installer (${url}). An update is installed only with the signature made when it was released: whoever publishes updates puts it there with the installer.`,
    );
  }
  if (!response.ok) throw new UpdateRefused('no-signature', `The signature ${url} could not be fetched (the server answered ${response.status}).`);
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(name, maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw tooLarge(name, maxBytes);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(name: string, maxBytes: number): UpdateRefused {
  return new UpdateRefused('malformed-signature', `${name} on the update source is larger than a signature can be (over ${maxBytes} bytes): it is not one, and was not read.`);
}
