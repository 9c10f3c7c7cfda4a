export * from './band';
export * from './pcf';
export * from './factor-set';
export * from './entries';
export * from './claims';
export * from './offsets';
export * from './readings';
