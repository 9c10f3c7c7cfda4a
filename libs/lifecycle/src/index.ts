export * from './context';
export * from './events';
export * from './effects';
export * from './lifecycle';
export { MACHINE_VERSION, unitMachine } from './machine';
export { machineDefinition, machineSource } from './export';
export { STORED_STATE_NAMES, FILTERABLE_STATE_NAMES, storedStatesMatching } from './state-names';
