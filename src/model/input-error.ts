/** A request that names something that does not exist or is malformed; `kind` maps to 400/404. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly kind: 'invalid' | 'not-found',
  ) {
    super(message);
    this.name = 'InputError';
  }
}
