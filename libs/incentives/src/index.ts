export * from './money';
export * from './period';
export * from './rules';
export * from './terms';
