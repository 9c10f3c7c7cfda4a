export * from './licence';
export * from './capabilities';
export * from './issuer';
export * from './usage-window';
