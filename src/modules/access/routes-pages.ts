import type { App } from '../../web/types.js';
import type { AccessContext } from './service.js';

export function registerAccessPages(_app: App, _ctx: AccessContext): void {}
