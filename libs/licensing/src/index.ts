export * from './licence';
export * from './capabilities';
