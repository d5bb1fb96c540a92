// Why an address could not be read. Each reason has its own words so that a person sees what to fix.

import { InvalidInputError } from '../errors.ts';

export type AddressErrorReason =
  | 'empty'
  | 'unknown-network'
  | 'unknown-protocol'
  | 'bad-length'
  | 'bad-base32'
  | 'bad-checksum'
  | 'bad-id'
  | 'id-too-large'
  | 'bad-namespace'
  | 'bad-payload'
  | 'masked-id-in-f410'
  | 'not-eth-address';

export class AddressError extends InvalidInputError {
  override readonly name = 'AddressError';
  readonly reason: AddressErrorReason;

  constructor(reason: AddressErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
