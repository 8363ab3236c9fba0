// The codec functions the catalog's storage uses, in one place so the wiring has one import.
export { summarizeRecord } from './marc/index.js';
