// The web-standard adapter: fetch's `Request` and `Response` to and from the raw forms of http.ts,
// for `handle()` (serverless and edge runtimes) and for a foreign `CountService` behind node:http.
import { HttpError, MAX_BODY_BYTES, type RawRequest, type RawResponse } from './http.js';

/** A web-standard request as the service reads it; `address` is the client's, which fetch does not carry. */
export function fromWebRequest(request: Request, address: string | undefined): RawRequest {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    url = new URL('http://invalid/');
  }
  return {
    method: request.method,
    path: url.pathname,
    query: url.search.slice(1),
    header: (name) => request.headers.get(name) ?? undefined,
    body: () => readBody(request),
    address,
  };
}

/** A raw answer as a web-standard `Response`. */
export function toWebResponse(answer: RawResponse): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** A web-standard `Response` as a raw answer, its body read in full. */
export async function fromWebResponse(response: Response): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const body = response.body ? new Uint8Array(await response.arrayBuffer()) : null;
  return { status: response.status, headers, body };
}

/** Reads a web-standard request's body, at most `MAX_BODY_BYTES`. */
async function readBody(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > MAX_BODY_BYTES) {
    await request.body?.cancel().catch(() => {});
    throw new HttpError(413, 'body too large');
  }
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    // A client that goes away mid-upload is a bad request, not a server error.
    const { done, value } = await reader.read().catch(() => {
      throw new HttpError(400, 'body could not be read');
    });
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw new HttpError(413, 'body too large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
