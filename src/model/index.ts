export * from './scan';
export * from './reset';
export * from './doctor';
export * from './system';
