/** The contract between main and the renderer; see each file's invariants. */
export * from './channels';
export * from './cost';
export * from './dashboard';
export * from './decisions';
export * from './errors';
export * from './events';
export * from './export';
export * from './host-api';
export * from './invoke';
export * from './match';
export * from './offline';
export * from './pipeline';
export * from './settings';
export * from './status';
export * from './sync';
