/** An error that becomes an HTTP answer `{"error": message}` with `status`. */
export class HttpError extends Error {
  /** @param status HTTP status code of the answer. */
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Thrown by a store that cannot answer right now (connection lost, file unwritable); maps to 503. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
