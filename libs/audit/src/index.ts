export * from './hash-chain';
export * from './checkpoint';
