/** The contract between main and the renderer; see each file's invariants. */
export * from './channels';
export * from './decisions';
export * from './errors';
export * from './events';
export * from './host-api';
export * from './invoke';
export * from './status';
export * from './sync';
