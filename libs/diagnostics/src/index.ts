export * from './suite';
export * from './catalogue';
