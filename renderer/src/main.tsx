import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './i18n';
import { api, unwrap } from './ipc/tikho';
import { applyTheme } from './app/theme';
import './styles/app.css';

async function boot(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) return;
  const [info, settings, vault] = await Promise.all([
    unwrap(api().app.bootstrap({})),
    unwrap(api().settings.get({})),
    unwrap(api().vault.status({})),
  ]);
  await initI18n(settings.language ?? info.systemLanguage, settings.disguise);
  applyTheme(settings.theme);
  createRoot(root).render(
    <StrictMode>
      <App info={info} initialSettings={settings} initialVaultState={vault.state} />
    </StrictMode>,
  );
}

void boot();
