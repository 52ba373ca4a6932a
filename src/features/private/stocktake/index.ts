import type { Mount } from '../../../types.ts';
import { stocktakeRoutes } from './routes.tsx';

export const mounts: Mount[] = [{ prefix: '/my/stocktake', routes: stocktakeRoutes }];
