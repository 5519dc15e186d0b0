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

/** A readable file that is not a 特定個人情報保護評価書 (a crawl skips it rather than failing). */
export class NotAFilingError extends InputError {
  constructor(path: string) {
    // Its name stays InputError: to a reader it is one more reason a file was refused.
    super(path, "not a 特定個人情報保護評価書: none of the form's headings or cover labels found");
  }
}
