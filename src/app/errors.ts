/**
 * Failures the app turns into specific HTTP answers. Messages are for logs (English); the French
 * text users see is chosen by the error handler.
 */

/** Storage could not be reached (network, credentials, timeouts): 503, and stale content if any. */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A stored object exists but does not match the schema: 502 naming the document. */
export class InvalidDocumentError extends Error {
  override name = 'InvalidDocumentError';
  constructor(
    readonly document: string,
    message: string,
  ) {
    super(message);
  }
}

/** The render queue is full: 503 so that the process sheds load instead of running out of memory. */
export class OverloadedError extends Error {
  override name = 'OverloadedError';
}

/** The data version changed under a request (a folder rebuilt in place): the request starts over on the new one. */
export class VersionMovedError extends Error {
  override name = 'VersionMovedError';
  constructor(readonly dataVersion: string) {
    super(`the data version moved to ${dataVersion} during the request`);
  }
}

/** The client went away before its render started: the render is not started at all. */
export class ClientGoneError extends Error {
  override name = 'ClientGoneError';
}

/** No render thread can start (see the log): 503, the process keeps serving what it has cached. */
export class RendererUnavailableError extends Error {
  override name = 'RendererUnavailableError';
}
