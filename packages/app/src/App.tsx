import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';

// Every frontend plugin listed in package.json (the hub included, through
// its /alpha export) is discovered by `app.packages: all` in app-config.yaml.
export default createApp({
  features: [navModule],
});
