/** POD rules: rule files (schema, extends, versions), CEL compilation, evaluation, explanations, analyst state. */
export * from './compile';
export * from './errors';
export * from './evaluate';
export * from './facts';
export * from './resolve';
export * from './schema';
export * from './state';
export * from './template';
