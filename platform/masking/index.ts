/** Field-level masking (脱敏, Art. 24 (9)): spec strings and their application to values. */
export * from './spec';
export * from './apply';
export { administrativePrefix, maskAddressToDistrict } from './address';
export * from './formats';
