import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../../electron/main/window/windowOptions';

describe('the one window factory', () => {
  const prod = mainWindowOptions({
    preloadPath: '/p.cjs',
    isDev: false,
    backgroundColor: '#000',
    title: 'Tikho',
    icon: '/r/icons/app.png',
  });
  it('has the hardened webPreferences of design §3', () => {
    expect(prod.webPreferences).toMatchObject({
      preload: '/p.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
    expect(prod.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });
  it('opens devtools only in development', () => {
    const dev = mainWindowOptions({
      preloadPath: '/p.cjs',
      isDev: true,
      backgroundColor: '#000',
      title: 'Tikho',
      icon: '/r/icons/app.png',
    });
    expect(dev.webPreferences?.devTools).toBe(true);
  });
  it('fits the smallest supported screen', () => {
    expect(prod.minWidth).toBe(1024);
    expect(prod.minHeight).toBe(700);
  });
});
