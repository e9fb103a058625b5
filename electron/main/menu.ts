import type { MenuItemConstructorOptions } from 'electron';
import type { TFunction } from 'i18next';

/** The application menu, translated from the same catalogs as the UI (namespace `main`). */
export function buildMenuTemplate(
  t: TFunction,
  actions: { lock: () => void },
  lockAccelerator: string,
): MenuItemConstructorOptions[] {
  return [
    {
      label: t('menu.app'),
      submenu: [
        { label: t('menu.lock'), accelerator: lockAccelerator, click: actions.lock },
        { type: 'separator' },
        { label: t('menu.quit'), role: 'quit' },
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [
        { label: t('menu.undo'), role: 'undo' },
        { label: t('menu.redo'), role: 'redo' },
        { type: 'separator' },
        { label: t('menu.cut'), role: 'cut' },
        { label: t('menu.copy'), role: 'copy' },
        { label: t('menu.paste'), role: 'paste' },
        { label: t('menu.selectAll'), role: 'selectAll' },
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        { label: t('menu.zoomIn'), role: 'zoomIn' },
        { label: t('menu.zoomOut'), role: 'zoomOut' },
        { label: t('menu.resetZoom'), role: 'resetZoom' },
        { type: 'separator' },
        { label: t('menu.fullscreen'), role: 'togglefullscreen' },
      ],
    },
  ];
}
