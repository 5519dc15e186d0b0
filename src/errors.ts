/** A file the engine cannot take: the message is the one-line reason shown to the user. */
export class InputError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "InputError";
  }
}
