export * from './facts';
export * from './judgement';
export * from './programme-terms';
export * from './sanitization';
export * from './tests-and-grades';
export * from './certification';
export * from './warranty';
export * from './harvest';
