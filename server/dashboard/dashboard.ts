// The dashboard's script (bundled into dist/dashboard/dashboard.js): registers its elements.
import { ShareStatsChart } from './share-stats-chart.js';
import { ShareStatsDashboard } from './share-stats-dashboard.js';
import { ShareStatsLogin } from './share-stats-login.js';

const elements: [string, CustomElementConstructor][] = [
  ['share-stats-chart', ShareStatsChart],
  ['share-stats-login', ShareStatsLogin],
  ['share-stats-dashboard', ShareStatsDashboard],
];
for (const [tag, element] of elements) if (!customElements.get(tag)) customElements.define(tag, element);

declare global {
  interface HTMLElementTagNameMap {
    'share-stats-chart': ShareStatsChart;
    'share-stats-login': ShareStatsLogin;
    'share-stats-dashboard': ShareStatsDashboard;
  }
}
