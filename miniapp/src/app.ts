import type { PropsWithChildren } from 'react';
import { applyActiveLocale } from './features/language/apply-locale';
import { registerServiceWorker } from './services/service-worker';
import './app.scss';

// The stored or phone's language, before the first page renders.
applyActiveLocale();
// H5: offline page and offline reload (a no-op in the weapp).
registerServiceWorker();

/*
 * UI kit: NutUI React Taro was measured against this app (see miniapp/README.md, "UI kit").
 * Our screens need a handful of simple, large, high-contrast controls; the small kit in
 * src/components (Screen, ActionButton, Chip, Tag, StatusView) over Taro's own components
 * keeps the weapp main package small and the text sizes under our control.
 */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
