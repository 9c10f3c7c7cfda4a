export * from './licence';
export * from './capabilities';
export * from './issuer';
