import { useSyncExternalStore, type PropsWithChildren } from 'react';
import { applyActiveLocale } from './features/language/apply-locale';
import { redrawPages } from './features/language/redraw-pages';
import { catalogsLoaded, subscribeCatalogs } from './i18n';
import { registerServiceWorker } from './services/service-worker';
import './app.scss';

// The stored or phone's language, before the first page renders (its catalog, if not zh-CN, starts loading).
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
  // A language's catalog arrived after the pages drew in zh-CN (first launch on a Mongolian phone): redraw them.
  const catalogs = useSyncExternalStore(subscribeCatalogs, catalogsLoaded);
  return redrawPages(children, catalogs);
}

export default App;
