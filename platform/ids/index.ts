/** National identifiers: citizen ID numbers (GB 11643) and unified social credit codes (GB 32100). */
export * from './id-number';
export * from './uscc';
