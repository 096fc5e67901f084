/** Workspace failures a user can act on; `path` names the file or folder concerned. */
export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
  constructor(
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(path && !message.includes(path) ? `${path}: ${message}` : message);
  }
}
