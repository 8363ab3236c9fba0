// The codec functions the catalog's storage uses, in one place so the wiring has one import.
export { standInSummarize as summarizeRecord } from './import/stand-in-summary.js';
