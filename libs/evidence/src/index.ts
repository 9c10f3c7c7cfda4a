export * from './facts';
export * from './programme-terms';
