import path from 'node:path';
import type { Disguise } from '../../../shared/disguise';

/**
 * The icon file the window, taskbar and dock show: the app's own mark, or under a disguise a
 * neutral one (resources/icons/README.md). A path, not a NativeImage, so the choice is plain data a
 * test can check; Electron loads it. What this cannot change is said in docs/threat-model.md: the
 * installed menu entry's icon (GNOME and KDE docks on Wayland match the window to it), the
 * program's own file icon on Windows and macOS, and the Linux WM_CLASS, all fixed at install.
 */
export function windowIconPath(resourcesDir: string, disguise: Disguise): string {
  return path.join(resourcesDir, 'icons', disguise === 'off' ? 'app.png' : `${disguise}.png`);
}

/** What a disguise change touches: the window (Windows, Linux/X11) and, on macOS, the dock. */
export interface IconTargets {
  windows: Iterable<{ setIcon(icon: string): void; isDestroyed(): boolean }>;
  dock?: { setIcon(icon: string): void } | undefined;
}

export function applyWindowIcon(targets: IconTargets, iconPath: string): void {
  for (const win of targets.windows) if (!win.isDestroyed()) win.setIcon(iconPath);
  targets.dock?.setIcon(iconPath);
}
