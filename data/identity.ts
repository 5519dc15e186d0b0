/**
 * The generic ending of an affair's name (…に関する事務, …業務): left out when two names are
 * compared, so that 児童手当の支給に関する事務 and 児童手当に関する事務 are one affair.
 */
export const AFFAIR_GENERIC_ENDING = /(?:に関する|における|に係る|の)?(?:事務|業務)(?:等)?$/;
