import type { App } from '../../web/types.js';
import type { AccessContext } from './service.js';

export function registerAccessStaff(_app: App, _ctx: AccessContext): void {}
