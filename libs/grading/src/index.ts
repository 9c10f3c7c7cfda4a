export * from './rubric';
export * from './grade';
